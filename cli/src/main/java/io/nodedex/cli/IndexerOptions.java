package io.nodedex.cli;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.IndexerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of an indexer replica, shared by {@code nodedex indexer} and {@code nodedex serve}. */
final class IndexerOptions {

    @Mixin
    LogOptions log;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", defaultValue = EventTopics.DEAD_LETTER_TOPIC,
            description = "Where undecodable or refused records go, with the reason in headers (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/indexer",
            description = "This replica's RocksDB directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--rebuild",
            description = "Drop the stored state and replay the topic from the beginning.")
    boolean rebuild;

    @Option(names = "--sync-writes",
            description = "Write-ahead log, fsynced on every batch: a crash undoes nothing (slower). Without it batches reach the disk in atomic flushes at least every 30 s, and a crash re-consumes what came after the last one.")
    boolean syncWrites;

    /**
     * The replica's configuration from the options.
     *
     * @throws io.nodedex.device.InvalidInputException when the Kafka options cannot be used ({@link LogOptions#access})
     */
    IndexerConfig config() {
        KafkaAccess kafka = log.access();
        return IndexerConfig.of(kafka.bootstrapServers(), data)
                .withKafkaProperties(kafka.properties())
                .withTopic(log.topic)
                .withDeadLetterTopic(deadLetterTopic)
                .withRebuild(rebuild)
                .withSyncWrites(syncWrites);
    }
}
