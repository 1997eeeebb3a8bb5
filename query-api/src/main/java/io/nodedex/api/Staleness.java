package io.nodedex.api;

import io.nodedex.indexer.PastHost;
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

    /**
     * Whether {@code host} was stale at {@code time}, as far as the history tells
     * (docs/design.md, "History is state"): only when it was certainly silent from its last-seen
     * time through {@code time} ({@link PastHost#silentSince()}) for longer than the stale-after
     * time. Heartbeats are not versioned, so a silence that ended later cannot be seen and is not
     * reported.
     */
    boolean wasStale(PastHost host, Instant time) {
        return host.silentSince() && host.lastSeen().isBefore(time.minus(staleAfter));
    }
}
