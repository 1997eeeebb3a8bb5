package io.nodedex.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real Kafka clients for the tests: an idempotent producer, a reader of whole topics, admin. */
final class TestClients {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private TestClients() {
    }

    /** A record where it is stored: as the producer was told, or as a consumer read it. */
    record StoredRecord(int partition, long offset, String key, String value) {
    }

    /**
     * Sends {@code records} in order with an idempotent producer ({@code acks=all}) and returns
     * where each one landed, in send order.
     */
    static List<StoredRecord> produce(String bootstrapServers,
                                      List<ProducerRecord<String, String>> records)
            throws ExecutionException, InterruptedException {
        return produce(bootstrapServers, Map.of(), records);
    }

    /** As {@link #produce(String, List)}, with client properties such as a secured broker's. */
    static List<StoredRecord> produce(String bootstrapServers, Map<String, String> clientProperties,
                                      List<ProducerRecord<String, String>> records)
            throws ExecutionException, InterruptedException {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                futures.add(producer.send(record));
            }
            producer.flush();
            List<StoredRecord> sent = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                RecordMetadata metadata = futures.get(i).get();
                sent.add(new StoredRecord(metadata.partition(), metadata.offset(),
                        records.get(i).key(), records.get(i).value()));
            }
            return sent;
        }
    }

    /**
     * Reads every record of every partition of {@code topic}, from the beginning up to the end
     * offsets found when it starts, ordered by partition then offset.
     */
    static List<StoredRecord> readAll(String bootstrapServers, String topic) {
        return readAll(bootstrapServers, Map.of(), topic);
    }

    /** As {@link #readAll(String, String)}, with client properties such as a secured broker's. */
    static List<StoredRecord> readAll(String bootstrapServers, Map<String, String> clientProperties, String topic) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, DEADLINE);
            List<StoredRecord> read = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!reachedEnd(consumer, endOffsets)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not reach end offsets " + endOffsets
                            + " of " + topic + " within " + DEADLINE + "; read " + read.size());
                }
                for (ConsumerRecord<String, String> record
                        : consumer.poll(Duration.ofMillis(100))) {
                    read.add(new StoredRecord(record.partition(), record.offset(), record.key(),
                            record.value()));
                }
            }
            read.sort(Comparator.comparingInt(StoredRecord::partition)
                    .thenComparingLong(StoredRecord::offset));
            return read;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer,
                                      Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey(), DEADLINE) >= end.getValue());
    }

    static Admin admin(String bootstrapServers) {
        return admin(bootstrapServers, Map.of());
    }

    static Admin admin(String bootstrapServers, Map<String, String> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }
}
