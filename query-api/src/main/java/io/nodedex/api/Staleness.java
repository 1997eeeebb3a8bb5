package io.nodedex.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which hosts went silent: a host whose last event was observed more than {@code staleAfter} ago
 * is stale. "Now" moves in steps of a tenth of {@code staleAfter} (at least a second), so every
 * answer within a step is the same and the response cache can keep it for that step
 * ({@link #step()} is part of its version).
 *
 * <p>Immutable and thread-safe.
 */
final class Staleness {

    private final Clock clock;
    private final Duration staleAfter;
    private final long stepMillis;

    Staleness(Clock clock, Duration staleAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
        this.stepMillis = Math.max(1000, staleAfter.toMillis() / 10);
    }

    /** The current step: answers computed in the same step agree. */
    long step() {
        return Math.floorDiv(clock.millis(), stepMillis);
    }

    /** Whether a host last seen at {@code lastSeen} is stale now (as of the current step's start). */
    boolean isStale(Instant lastSeen) {
        Instant now = Instant.ofEpochMilli(step() * stepMillis);
        return lastSeen.isBefore(now.minus(staleAfter));
    }
}
