package io.nodedex.cli;

import io.nodedex.event.kafka.AdminRecords;
import io.nodedex.event.signing.SigningKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of the administrators' commands ({@code nodedex host ...}): a producer that
 * waits for every in-sync replica, idempotent, and a consumer that commits nothing, both built
 * from the command's {@link LogOptions}.
 */
final class AdminLog {

    private AdminLog() {
    }

    static KafkaProducer<byte[], byte[]> producer(LogOptions log, String clientId) {
        Map<String, Object> producer = common(log, clientId);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer(LogOptions log, String clientId) {
        Map<String, Object> consumer = common(log, clientId);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The administrators' records of the log, signed with {@code adminKey} when given. */
    static AdminRecords records(KafkaProducer<byte[], byte[]> producer, LogOptions log, Optional<SigningKey> adminKey) {
        return new AdminRecords(producer, log.topic, Clock.systemUTC(), adminKey);
    }

    private static Map<String, Object> common(LogOptions log, String clientId) {
        Map<String, Object> common = new HashMap<>();
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, log.bootstrapServers);
        common.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return common;
    }
}
