package io.nodedex.event;

import java.time.Duration;
import java.util.Objects;

/**
 * An API server found the request still pending once {@code timeout} had passed since it was
 * logged, and asks that it fail (docs/design.md, "Decisions are events"). Replicas apply it only
 * when the request is still pending where it stands in the log, so they agree whatever their
 * clocks: the expiry is a fact of the log, not of a replica's clock.
 *
 * @param requestId the request
 * @param timeout the time the host had to answer
 */
public record VhbaRequestExpired(String requestId, Duration timeout) implements Payload {

    public VhbaRequestExpired {
        VhbaRequestId.check(requestId);
        Objects.requireNonNull(timeout, "timeout");
    }
}
