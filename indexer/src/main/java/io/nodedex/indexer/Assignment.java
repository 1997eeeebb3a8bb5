package io.nodedex.indexer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns the consumer every partition of the topic (no consumer group: every replica reads
 * everything) and positions each at the offset stored in RocksDB, or at the beginning when none
 * is stored. Partitions added to the topic later are picked up by {@link #refresh()}.
 */
final class Assignment {

    private static final Logger LOG = LoggerFactory.getLogger(Assignment.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Store store;
    private Set<TopicPartition> assigned = Set.of();

    Assignment(Consumer<byte[], byte[]> consumer, String topic, Store store) {
        this.consumer = consumer;
        this.topic = topic;
        this.store = store;
    }

    /** Whether the topic exists (with at least one partition) and all its partitions are assigned. */
    boolean refresh() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        Set<TopicPartition> current = partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toSet());
        if (current.isEmpty() || current.equals(assigned)) {
            return !current.isEmpty();
        }
        Set<TopicPartition> added = new HashSet<>(current);
        added.removeAll(assigned);
        consumer.assign(current);
        Map<Integer, Long> stored = storedOffsets();
        for (TopicPartition partition : added) {
            Long offset = stored.get(partition.partition());
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        LOG.info("consuming {} partitions of {} (new: {})", current.size(), topic, added.size());
        assigned = Set.copyOf(current);
        return true;
    }

    /**
     * The partitions whose stored position lies below the start of the log (records were deleted
     * before this replica applied them) or past its end (the topic was recreated), with what is
     * wrong, in partition order; empty when every position is inside the log.
     */
    List<String> positionsOutsideTheLog() {
        Map<Integer, Long> stored = storedOffsets();
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned, METADATA_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, METADATA_TIMEOUT);
        List<String> outside = new ArrayList<>();
        for (TopicPartition partition : assigned.stream().sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList()) {
            Long position = stored.get(partition.partition());
            if (position == null) {
                continue;
            }
            long start = starts.get(partition);
            long end = ends.get(partition);
            if (position < start) {
                outside.add("partition " + partition.partition() + ": stored position " + position
                        + " is below the log start " + start);
            } else if (position > end) {
                outside.add("partition " + partition.partition() + ": stored position " + position
                        + " is past the log end " + end);
            }
        }
        return outside;
    }

    /** Positions every assigned partition at the beginning of the log. */
    void seekToBeginning() {
        consumer.seekToBeginning(assigned);
    }

    Set<TopicPartition> partitions() {
        return assigned;
    }

    /** Per partition, the next offset to apply, as stored in the last written batch. */
    Map<Integer, Long> storedOffsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        try (Store.ReadView view = store.readView(false)) {
            view.scanAll(Table.OFFSETS, (key, value) -> offsets.put(Keys.partitionOf(key), StoredValues.offset(value)));
        }
        return offsets;
    }
}
