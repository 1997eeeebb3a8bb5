package io.nodedex.indexer;

import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The properties of an indexer's Kafka clients: its own settings first, then the operator's
 * ({@link IndexerConfig#kafkaProperties()}), each client taking the keys it knows.
 */
final class IndexerClients {

    private IndexerClients() {
    }

    /**
     * The replica's consumer: no group, no auto-commit, positions never reset silently (a position
     * outside the log means records were missed: re-bootstrap); the operator's properties last.
     */
    static Properties consumer(IndexerConfig config) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "nodedex-indexer");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // never reset a position silently: one outside the log means records were missed (re-bootstrap)
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        tuneConsumer(properties, config);
        properties.putAll(config.kafkaProperties().consumer());
        return properties;
    }

    /** The fetch sizes of the indexer's consumer (shared with the benchmark's bare consumer). */
    static void tuneConsumer(Properties properties, IndexerConfig config) {
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords()));
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 << 20));
    }

    /** The admin client that checks the topic at start. */
    static Properties admin(IndexerConfig config) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "nodedex-indexer-admin");
        properties.putAll(config.kafkaProperties().admin());
        return properties;
    }

    /** The dead-letter producer: idempotent, every in-sync replica acknowledges. */
    static Properties deadLetterProducer(IndexerConfig config) {
        return config.kafkaProperties().reliableProducer(config.bootstrapServers(), "nodedex-indexer-dlq");
    }
}
