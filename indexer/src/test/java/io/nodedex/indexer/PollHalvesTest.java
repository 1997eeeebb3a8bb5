package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A big poll that finds the writer idle is split by whole partitions, the first half holding at
 * most half its records, so that the first half is written while the second is folded.
 */
class PollHalvesTest {

    private static final String TOPIC = "nodedex.events";
    private static final int SPLIT_FROM = 2_000;

    @Test
    void twoEqualPartitionsSplitOneAndOne() {
        PollHalves halves = PollHalves.of(poll(Map.of(0, 8_000, 1, 8_000)), SPLIT_FROM).orElseThrow();

        assertThat(counts(halves.first())).containsExactly(Map.entry(0, 8_000));
        assertThat(counts(halves.second())).containsExactly(Map.entry(1, 8_000));
    }

    @Test
    void manyPartitionsSplitInPartitionOrderWithAtMostHalfTheRecordsFirst() {
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        for (int partition : List.of(7, 2, 11, 0, 5, 9, 1, 3, 10, 4, 8, 6)) {
            sizes.put(partition, 1_000);
        }
        PollHalves halves = PollHalves.of(poll(sizes), SPLIT_FROM).orElseThrow();

        assertThat(counts(halves.first()).keySet()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(counts(halves.second()).keySet()).containsExactly(6, 7, 8, 9, 10, 11);
    }

    @Test
    void aFirstPartitionOverHalfThePollIsTheFirstHalfAlone() {
        PollHalves halves = PollHalves.of(poll(Map.of(0, 3_000, 1, 500, 2, 500)), SPLIT_FROM).orElseThrow();

        assertThat(counts(halves.first())).containsExactly(Map.entry(0, 3_000));
        assertThat(counts(halves.second())).containsExactly(Map.entry(1, 500), Map.entry(2, 500));
    }

    @Test
    void aLastPartitionOverHalfThePollIsTheSecondHalfAlone() {
        PollHalves halves = PollHalves.of(poll(Map.of(0, 500, 1, 500, 2, 3_000)), SPLIT_FROM).orElseThrow();

        assertThat(counts(halves.first())).containsExactly(Map.entry(0, 500), Map.entry(1, 500));
        assertThat(counts(halves.second())).containsExactly(Map.entry(2, 3_000));
    }

    @Test
    void theHalvesHoldEveryRecordOfTheirPartitionsInLogOrder() {
        ConsumerRecords<byte[], byte[]> poll = poll(Map.of(0, 1_500, 1, 700, 2, 900));
        PollHalves halves = PollHalves.of(poll, SPLIT_FROM).orElseThrow();

        for (ConsumerRecords<byte[], byte[]> half : List.of(halves.first(), halves.second())) {
            for (TopicPartition partition : half.partitions()) {
                assertThat(half.records(partition)).isEqualTo(poll.records(partition));
            }
        }
        assertThat(halves.first().count() + halves.second().count()).isEqualTo(poll.count());
    }

    @Test
    void aSmallPollOrOneOfASinglePartitionIsNotSplit() {
        assertThat(PollHalves.of(poll(Map.of(0, 1_000, 1, 999)), SPLIT_FROM)).as("1,999 records").isEmpty();
        assertThat(PollHalves.of(poll(Map.of(0, 1_000, 1, 1_000)), SPLIT_FROM)).as("2,000 records").isPresent();
        assertThat(PollHalves.of(poll(Map.of(3, 16_000)), SPLIT_FROM)).as("one partition").isEmpty();
    }

    /** A poll of {@code sizes} records (by partition, in the map's order) of consecutive offsets from 100. */
    private static ConsumerRecords<byte[], byte[]> poll(Map<Integer, Integer> sizes) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        sizes.forEach((partition, size) -> {
            List<ConsumerRecord<byte[], byte[]>> inPartition = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                inPartition.add(new ConsumerRecord<>(TOPIC, partition, 100 + i, new byte[0], new byte[] {(byte) i}));
            }
            records.put(new TopicPartition(TOPIC, partition), inPartition);
        });
        return new ConsumerRecords<>(records, Map.of());
    }

    /** Records by partition, in partition order. */
    private static Map<Integer, Integer> counts(ConsumerRecords<byte[], byte[]> half) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        half.partitions().forEach(partition -> counts.put(partition.partition(), half.records(partition).size()));
        return counts;
    }
}
