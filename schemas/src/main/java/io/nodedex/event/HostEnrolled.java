package io.nodedex.event;

import io.nodedex.event.signing.PublicSigningKey;
import java.util.Objects;

/**
 * An administrator enrolled the host's public key ({@code nodedex host enroll}): replicas that
 * check signatures apply the host's later records only when this key signed them; a later
 * enrolment replaces the key, a retirement revokes it. Agents never publish it.
 *
 * @param publicKey the host's Ed25519 public key
 */
public record HostEnrolled(PublicSigningKey publicKey) implements Payload {

    public HostEnrolled {
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
