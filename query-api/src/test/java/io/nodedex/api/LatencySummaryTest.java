package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static final long MILLI = 1_000_000;

    @Test
    void percentilesOfOneToHundredMillisInterpolateBetweenRanksWhateverTheOrder() {
        List<Long> nanos = new ArrayList<>(LongStream.rangeClosed(1, 100).map(ms -> ms * MILLI).boxed().toList());
        Collections.shuffle(nanos, new Random(5));

        LatencySummary summary = LatencySummary.ofNanos(nanos).orElseThrow();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isCloseTo(50.5, within(1e-9));
        assertThat(summary.p90()).isCloseTo(90.1, within(1e-9));
        assertThat(summary.p99()).isCloseTo(99.01, within(1e-9));
        assertThat(summary.max()).isEqualTo(100.0);
    }

    @Test
    void aSingleLatencyIsEveryPercentile() {
        assertThat(LatencySummary.ofNanos(List.of(3 * MILLI)))
                .contains(new LatencySummary(1, 3.0, 3.0, 3.0, 3.0));
    }

    @Test
    void noLatenciesHaveNoSummary() {
        assertThat(LatencySummary.ofNanos(List.of())).isEmpty();
    }
}
