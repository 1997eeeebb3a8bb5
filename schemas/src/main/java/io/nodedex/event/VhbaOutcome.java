package io.nodedex.event;

import java.util.Objects;
import java.util.Optional;

/**
 * What the host's agent made of a {@link VhbaCommand}, published under the host's key and signed
 * by the host (docs/design.md, "Decisions are events"). Replicas apply it only to a request still
 * pending.
 *
 * @param requestId the request the command carried out
 * @param result done, failed, or refused (a command the agent does not trust)
 * @param name the vHBA created or destroyed, when done
 * @param message what happened: libvirt's own error message on failure, the reason of a refusal
 */
public record VhbaOutcome(String requestId, Result result, Optional<String> name, String message)
        implements Payload {

    /** How a command ended. */
    public enum Result {
        /** Carried out: the vHBA exists (create) or is gone (destroy). */
        DONE,
        /** Tried and failed; the message says why. */
        FAILED,
        /** Not tried: the command was not signed by the key the agent trusts, or not for this host. */
        REFUSED
    }

    public VhbaOutcome {
        VhbaRequestId.check(requestId);
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
    }
}
