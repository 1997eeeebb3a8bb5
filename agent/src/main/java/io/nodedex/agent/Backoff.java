package io.nodedex.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff: the delay before retry number {@code n} (from 1) is
 * {@code initial * multiplier^(n-1)}, at most {@code max}. With {@code jitter}, each delay is
 * drawn uniformly from its upper half, so many agents that lost the same server do not retry in
 * lock step; tests turn jitter off to get exact delays.
 *
 * @param initial the first delay, positive
 * @param max the largest delay, at least {@code initial}
 * @param multiplier growth per retry, at least 1
 * @param jitter whether to randomise each delay within its upper half
 */
public record Backoff(Duration initial, Duration max, double multiplier, boolean jitter) {

    /** 1 s, doubling, capped at 1 min, with jitter. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2, true);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || !(multiplier >= 1)) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and multiplier >= 1: initial "
                    + initial + ", max " + max + ", multiplier " + multiplier);
        }
    }

    /** The delay before retry {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        double millis = initial.toMillis() * Math.pow(multiplier, attempt - 1.0);
        long capped = (long) Math.min(millis, max.toMillis());
        if (jitter) {
            capped = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        }
        return Duration.ofMillis(capped);
    }
}
