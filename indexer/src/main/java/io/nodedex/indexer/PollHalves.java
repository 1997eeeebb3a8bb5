package io.nodedex.indexer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * A big poll that finds the writer idle, split in two by whole partitions: the first half is
 * written while the second is folded (docs/design.md, "How the indexer applies a poll"), where
 * the whole poll would have been folded with nothing written beside it. Each half holds every
 * record of its partitions, in log order, so each batch stores the offsets of its own partitions.
 *
 * @param first the first partitions, in partition order, holding at most half the poll's records
 *     (but for a first partition holding more)
 * @param second the other partitions, never none
 */
record PollHalves(ConsumerRecords<byte[], byte[]> first, ConsumerRecords<byte[], byte[]> second) {

    /**
     * The two halves of {@code poll}, or empty when it holds fewer than {@code splitFrom} records
     * (a small poll is folded in a few milliseconds: not worth a second batch) or a single partition.
     */
    static Optional<PollHalves> of(ConsumerRecords<byte[], byte[]> poll, int splitFrom) {
        if (poll.count() < splitFrom || poll.partitions().size() < 2) {
            return Optional.empty();
        }
        List<TopicPartition> partitions = new ArrayList<>(poll.partitions());
        partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> first = new LinkedHashMap<>();
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> second = new LinkedHashMap<>();
        int inFirst = 0;
        for (TopicPartition partition : partitions) {
            List<ConsumerRecord<byte[], byte[]>> records = poll.records(partition);
            if (second.isEmpty() && (first.isEmpty() || 2L * (inFirst + records.size()) <= poll.count())) {
                first.put(partition, records);
                inFirst += records.size();
            } else {
                second.put(partition, records);
            }
        }
        return Optional.of(new PollHalves(new ConsumerRecords<>(first, Map.of()),
                new ConsumerRecords<>(second, Map.of())));
    }
}
