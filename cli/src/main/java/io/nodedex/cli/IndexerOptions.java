package io.nodedex.cli;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.indexer.IndexerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

    @Option(names = "--admin-public-key", paramLabel = "FILE",
            description = "The administrators' Ed25519 public key (PEM). With it, this replica checks signatures: it"
                    + " applies a host's records only when signed by the key enrolled for the host (nodedex host"
                    + " enroll), and enrolments, retirements and resets only when signed by this key; anything else"
                    + " goes to the dead-letter topic with the reason.")
    Optional<Path> adminPublicKey;

    @Option(names = "--command-public-key", paramLabel = "FILE",
            description = "The API servers' command key, public half (PEM). With --admin-public-key, vHBA requests and"
                    + " their expiries apply only when this key signed them (serve --command-key trusts its own key).")
    Optional<Path> commandPublicKey;

    @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Refuse a record whose agent incarnation (its start time) lies more than this after the"
                    + " broker's time of the record: the host's clock is ahead (default: ${DEFAULT-VALUE}).")
    Duration maxClockSkew;

    @Mixin
    HistoryRetentionOption history;

    /**
     * The replica's configuration from the options.
     *
     * @throws io.nodedex.device.InvalidInputException when the Kafka options cannot be used ({@link LogOptions#access}),
     *     or the administrators' public key file cannot be read
     */
    IndexerConfig config() {
        KafkaAccess kafka = log.access();
        IndexerConfig config = IndexerConfig.of(kafka.bootstrapServers(), data)
                .withKafkaProperties(kafka.properties())
                .withTopic(log.topic)
                .withDeadLetterTopic(deadLetterTopic)
                .withRebuild(rebuild)
                .withSyncWrites(syncWrites)
                .withMaxClockSkew(maxClockSkew)
                .withHistoryRetention(history.retention);
        config = commandPublicKey.map(PublicSigningKey::read).map(config::withCommandKey).orElse(config);
        return adminPublicKey.map(PublicSigningKey::read).map(config::withAdminKey).orElse(config);
    }
}
