package io.nodedex.api;

import com.google.common.math.Quantiles;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Percentiles of a set of latencies, in milliseconds, for the benchmark harnesses. Percentiles
 * interpolate linearly between the nearest ranks (Guava's {@link Quantiles}).
 *
 * @param count how many latencies
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 */
record LatencySummary(int count, double p50, double p90, double p99, double max) {

    private static final double NANOS_PER_MILLI = 1e6;

    /** The summary of latencies given in nanoseconds; empty when there are none. */
    static Optional<LatencySummary> ofNanos(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Double> percentiles = Quantiles.percentiles().indexes(50, 90, 99).compute(nanos);
        return Optional.of(new LatencySummary(nanos.size(), percentiles.get(50) / NANOS_PER_MILLI,
                percentiles.get(90) / NANOS_PER_MILLI, percentiles.get(99) / NANOS_PER_MILLI,
                Collections.max(nanos) / NANOS_PER_MILLI));
    }
}
