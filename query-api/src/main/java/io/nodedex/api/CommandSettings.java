package io.nodedex.api;

import io.nodedex.event.signing.SigningKey;
import java.time.Duration;
import java.util.Objects;

/**
 * What a replica needs to take vHBA requests (docs/design.md, "Decisions are events"): the
 * command key that signs the requests, expiries and commands it publishes, and how long a host
 * has to carry out a command before its request is failed.
 *
 * @param commandKey the API servers' Ed25519 key; every replica that checks signatures is given its
 *     public half, and so is every agent ({@code --command-public-key})
 * @param vhbaTimeout how long after a request was logged its host has to answer (default 2 minutes)
 */
public record CommandSettings(SigningKey commandKey, Duration vhbaTimeout) {

    /** The default {@link #vhbaTimeout()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public CommandSettings {
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(vhbaTimeout, "vhbaTimeout");
        if (vhbaTimeout.isNegative() || vhbaTimeout.isZero()) {
            throw new IllegalArgumentException("the vHBA timeout must be positive: " + vhbaTimeout);
        }
    }
}
