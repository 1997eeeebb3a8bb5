package io.nodedex.indexer;

import io.nodedex.event.Event;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.CompactedRecords;
import io.nodedex.event.kafka.EventKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes and reads test topics on a real broker, as agents and operators would. */
final class KafkaLog implements AutoCloseable {

    static final EventCodec CODEC = new EventCodec();

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Per host, what {@link #publishAsAgents} published, as that host's agent would remember it. */
    private final Map<String, CompactedRecords> agents = new HashMap<>();

    KafkaLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
    }

    /**
     * Publishes the events as they are (duplicates and replays included), each under its
     * {@link EventKey} in its host's partition, in order, and returns the end offset of every
     * partition written to.
     */
    Map<Integer, Long> publish(String topic, List<Event> events) {
        int partitions = producer.partitionsFor(topic).size();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Event event : events) {
            sent.add(producer.send(new ProducerRecord<>(topic, EventKey.partition(event.header().hostId(), partitions),
                    EventKey.of(event), CODEC.encode(event))));
        }
        return ends(sent);
    }

    /**
     * Publishes each host's events as its agent would: through {@link CompactedRecords} (a
     * removal becomes a tombstone and a snapshot; a snapshot drops what it no longer lists), the
     * hosts taking turns, each host's events in order. Like an agent, this log remembers what it
     * published for each host across calls. Returns the end offsets written to.
     */
    Map<Integer, Long> publishAsAgents(String topic, List<List<Event>> hosts) {
        int partitions = producer.partitionsFor(topic).size();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        int longest = hosts.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<Event> host : hosts) {
                if (i >= host.size()) {
                    continue;
                }
                Event event = host.get(i);
                String hostId = event.header().hostId();
                CompactedRecords.Plan plan = agents.computeIfAbsent(hostId, id -> new CompactedRecords()).plan(event);
                for (CompactedRecords.Keyed keyed : plan.records()) {
                    sent.add(producer.send(new ProducerRecord<>(topic, EventKey.partition(hostId, partitions),
                            keyed.key(), keyed.event().map(CODEC::encode).orElse(null))));
                }
                plan.commit();
            }
        }
        return ends(sent);
    }

    /** Publishes one raw record to {@code partition} and returns where it landed. */
    RecordMetadata publishRaw(String topic, int partition, byte[] key, byte[] value) {
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, partition, key, value));
        producer.flush();
        return acknowledged(sent);
    }

    /** Publishes one raw record (the key may be null) and returns where it landed. */
    RecordMetadata publishRaw(String topic, byte[] key, byte[] value) {
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
        return acknowledged(sent);
    }

    private Map<Integer, Long> ends(List<Future<RecordMetadata>> sent) {
        producer.flush();
        Map<Integer, Long> ends = new HashMap<>();
        for (Future<RecordMetadata> future : sent) {
            RecordMetadata metadata = acknowledged(future);
            ends.merge(metadata.partition(), metadata.offset() + 1, Math::max);
        }
        return ends;
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** Every record of the topic, from the beginning, waiting until there are {@code count}. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> all = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                all.add(new TopicPartition(topic, partition));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            await("reading " + count + " records of " + topic, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    /** Waits until the indexer has applied every partition up to {@code ends}. */
    static void awaitApplied(IndexReader reader, Map<Integer, Long> ends) {
        await("the indexer to apply up to " + ends + " (at " + reader.ingestStatus().positions() + ")", () -> {
            Map<Integer, Long> positions = reader.ingestStatus().positions();
            return ends.entrySet().stream()
                    .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
        });
    }

    /** Polls {@code condition} until it holds, failing after 60 s. */
    static void await(String what, BooleanSupplier condition) {
        await(() -> what, condition);
    }

    static void await(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get(), e);
            }
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
