package io.nodedex.event.kafka;

import io.nodedex.event.HostRetired;
import io.nodedex.event.signing.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Retires a decommissioned host from the events topic: a tombstone for every key of the host that
 * still holds a value, so compaction forgets them, then a {@link HostRetired} record under the
 * host's key, which makes every replica forget the host and everything derived from it, in log
 * order, deterministically (docs/design.md, "The log grows with the fleet").
 *
 * <p>The host's keys are found by reading its partition ({@link EventKey#partition}) from the
 * beginning to its current end; in a compacted topic that is bounded by the fleet's size. Records
 * the host's agent publishes after the retirement bring the host back, as it should if the host
 * was retired by mistake.
 *
 * <p>Not thread-safe: one retirement at a time on the given clients.
 */
public final class HostRetirement {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a retirement did.
     *
     * @param hostId the retired host
     * @param partition its partition
     * @param tombstones how many of its keys got a tombstone
     * @param markerOffset the offset of the {@link HostRetired} record
     */
    public record Outcome(String hostId, int partition, int tombstones, long markerOffset) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AdminRecords records;

    /**
     * @param consumer a consumer with byte-array deserializers, not subscribed to anything; this
     *     class assigns it the host's partition
     * @param producer a producer with byte-array serializers ({@code acks=all} recommended)
     * @param adminKey the administrators' key, which signs the retirement; empty for replicas that
     *     do not check signatures
     */
    public HostRetirement(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String topic,
            Clock clock, Optional<SigningKey> adminKey) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.records = new AdminRecords(producer, topic, clock, adminKey);
    }

    /**
     * Retires {@code hostId}.
     *
     * @throws IllegalArgumentException when the topic holds no record of the host (nothing to
     *     retire; a misspelt host id, or a host already retired and compacted away)
     * @throws IllegalStateException when the topic does not exist or Kafka does not acknowledge
     */
    public Outcome retire(String hostId) throws InterruptedException {
        int partitions = consumer.partitionsFor(topic, TIMEOUT).size();
        if (partitions == 0) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        int partition = EventKey.partition(hostId, partitions);
        Map<String, byte[]> live = liveKeys(hostId, new TopicPartition(topic, partition));
        if (live.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " holds no record of host '" + hostId
                    + "': nothing to retire");
        }
        byte[] hostKey = EventKey.host(hostId);
        int tombstones = 0;
        try {
            for (byte[] key : live.values()) {
                if (!Arrays.equals(key, hostKey)) {
                    producer.send(new ProducerRecord<>(topic, partition, key, null));
                    tombstones++;
                }
            }
            RecordMetadata sent = producer.send(records.record(hostId, partition, new HostRetired())).get();
            return new Outcome(hostId, partition, tombstones, sent.offset());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept the retirement of " + hostId + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /** The host's keys whose latest record has a value, by their text. */
    private Map<String, byte[]> liveKeys(String hostId, TopicPartition partition) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
        Map<String, byte[]> live = new TreeMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read partition " + partition + " to its end within "
                        + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.key() == null || !EventKey.hostOf(record.key()).equals(hostId)) {
                    continue;
                }
                String name = EventKey.show(record.key());
                if (record.value() == null) {
                    live.remove(name);
                } else {
                    live.put(name, record.key());
                }
            }
        }
        return live;
    }
}
