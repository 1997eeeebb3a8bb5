package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PublisherStatsTest {

    @Test
    void aFleetsStatsAreEachCounterSummed() {
        List<PublisherStats> fleet = List.of(new PublisherStats(10, 1, 0, 2, 3, 1),
                new PublisherStats(5, 0, 1, 0, 4, 2));

        assertThat(fleet.stream().reduce(PublisherStats.NONE, PublisherStats::plus))
                .isEqualTo(new PublisherStats(15, 1, 1, 2, 7, 3));
    }
}
