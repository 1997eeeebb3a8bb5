package io.nodedex.cli;

import io.nodedex.event.kafka.ClientProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A Kafka cluster and how to reach it, as a command's options give them ({@link LogOptions#access}),
 * and the clients the command line creates itself ({@code topics}, {@code host retire},
 * all-in-one's checks): each with nodedex's own settings and then the operator's properties it knows.
 * The agent and the indexer take {@link #bootstrapServers()} and {@link #properties()} into their
 * own configuration and build their clients the same way.
 *
 * <p>Immutable; every client it creates belongs to the caller, who closes it.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param properties the operator's client properties
 */
record KafkaAccess(String bootstrapServers, ClientProperties properties) {

    KafkaAccess {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(properties, "properties");
    }

    /** An admin client named {@code clientId}. */
    Admin admin(String clientId) {
        Map<String, Object> config = common(clientId);
        config.putAll(properties.admin());
        return Admin.create(config);
    }

    /** A consumer named {@code clientId} that belongs to no group and commits nothing. */
    KafkaConsumer<byte[], byte[]> consumer(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(properties.consumer());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer named {@code clientId} whose writes wait for every in-sync replica. */
    KafkaProducer<byte[], byte[]> producer(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(properties.producer());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
