package io.nodedex.agent;

import static org.assertj.core.api.Assertions.fail;

import io.nodedex.event.Event;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.PublicSigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic from the beginning, decoding every record, for tests. Not thread-safe. */
final class TopicReader implements AutoCloseable {

    /** One record: its key as text, its decoded event, where it was, who signed it (checked). */
    record Received(String key, Event event, int partition, long offset, Optional<PublicSigningKey> signer) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final List<Received> received = new ArrayList<>();
    /** Keys of the tombstones read: they carry no event, only let compaction forget their key. */
    private final List<String> tombstones = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until everything read so far satisfies {@code done}; fails the test at the deadline. */
    List<Received> readUntil(Predicate<List<Received>> done, String what) {
        long deadline = System.nanoTime() + Handoff.DEADLINE.toNanos() * 3;
        while (!done.test(received)) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting until " + what + "; read " + received.size() + " records: " + received);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.value() == null) {
                    tombstones.add(new String(record.key(), StandardCharsets.UTF_8));
                    continue;
                }
                received.add(new Received(new String(record.key(), StandardCharsets.UTF_8),
                        codec.decode(record.value()), record.partition(), record.offset(),
                        RecordSignatures.signer(record.headers(), record.key(), record.value())));
            }
        }
        return List.copyOf(received);
    }

    /** The keys of the tombstones read so far, in order. */
    List<String> tombstones() {
        return List.copyOf(tombstones);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
