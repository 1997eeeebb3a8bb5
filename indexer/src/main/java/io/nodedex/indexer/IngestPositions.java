package io.nodedex.indexer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's {@link IngestStatus}: the positions its store holds and the log's end offsets, which
 * readers and the API's response cache key on.
 *
 * <p>Threading: {@link #update} and {@link #newGeneration} on the indexer's applying thread, which
 * owns the consumer; {@link #status} from any thread.
 */
final class IngestPositions {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPositions.class);
    private static final Duration END_OFFSETS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final Assignment assignment;
    private final String topic;
    /** Bumped by every re-bootstrap: the same positions then no longer mean the same state. */
    private long generation;
    private volatile IngestStatus status = IngestStatus.unknown();
    private Map<Integer, Long> endOffsets = Map.of();
    private long endOffsetsCheckedAt;

    IngestPositions(Consumer<byte[], byte[]> consumer, Assignment assignment, String topic) {
        this.consumer = consumer;
        this.assignment = assignment;
        this.topic = topic;
    }

    /** The status last published. Any thread. */
    IngestStatus status() {
        return status;
    }

    /** Marks a re-bootstrap: the positions published from now on belong to a new state. */
    void newGeneration() {
        generation++;
    }

    /**
     * Publishes the positions the store holds: where the consumer has fetched to, but for the
     * partitions of {@code fetched}, the poll not yet folded, whose first offsets those are. The
     * end offsets come from the high watermarks the fetches brought ({@link Consumer#currentLag}),
     * which costs no round trip; only while a partition has not been fetched yet are they asked of
     * the broker, when due or when a poll waited and found nothing ({@code idle}), so a round trip
     * never delays a busy pipeline. Only while no batch is being written.
     */
    void update(ConsumerRecords<byte[], byte[]> fetched, boolean idle) {
        Map<Integer, Long> positions = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        try {
            for (TopicPartition partition : assignment.partitions()) {
                long position = consumer.position(partition, METADATA_TIMEOUT);
                positions.put(partition.partition(), position);
                OptionalLong lag = consumer.currentLag(partition);
                if (lag.isPresent()) {
                    ends.put(partition.partition(), position + lag.getAsLong());
                }
            }
        } catch (RetriableException e) {
            // after a leader change the consumer validates its positions with the new leader; while
            // the cluster does not answer, the last status stands and the next poll tries again
            LOG.warn("cannot read the positions on {} now ({}); keeping the last status", topic, e.toString());
            return;
        }
        for (TopicPartition partition : fetched.partitions()) {
            positions.put(partition.partition(), fetched.records(partition).get(0).offset());
        }
        long now = System.nanoTime();
        if (ends.size() == positions.size()) {
            endOffsets = ends;
            endOffsetsCheckedAt = now;
        } else if (idle || now - endOffsetsCheckedAt > END_OFFSETS_INTERVAL.toNanos()) {
            try {
                Map<Integer, Long> asked = new HashMap<>();
                consumer.endOffsets(assignment.partitions(), METADATA_TIMEOUT)
                        .forEach((partition, end) -> asked.put(partition.partition(), end));
                endOffsets = asked;
                endOffsetsCheckedAt = now;
            } catch (KafkaException e) {
                if (e instanceof WakeupException) {
                    throw e;
                }
                LOG.warn("cannot read the end offsets of {}: {}", topic, e.toString());
            }
        }
        status = IngestStatus.of(positions, endOffsets, generation);
    }
}
