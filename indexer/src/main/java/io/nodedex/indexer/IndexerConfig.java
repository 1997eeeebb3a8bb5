package io.nodedex.indexer;

import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.PublicSigningKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Indexer} runs. Build with {@link #of(String, Path)} and the {@code with...}
 * methods; every other setting has a default.
 *
 * @param bootstrapServers the Kafka {@code bootstrap.servers}
 * @param topic the events topic (default {@value EventTopics#EVENTS_TOPIC})
 * @param deadLetterTopic where undecodable and refused records go (default
 *     {@value EventTopics#DEAD_LETTER_TOPIC}); it must exist, or the broker must create it
 * @param dataDirectory the RocksDB directory of this replica
 * @param pollTimeout how long one poll waits for records (default 500 ms)
 * @param maxPollRecords at most this many records per poll, and so per write batch (default 16000;
 *     a poll's bytes are bounded by the consumer's fetch sizes, whatever the count)
 * @param rebuild drop the stored state at start and replay the topic from the beginning
 * @param syncWrites make every batch durable on disk before going on (a write-ahead log,
 *     {@code fsync}ed); without it (the default) batches reach the disk in atomic flushes, at the
 *     latest every 30 s, and a crash or power loss undoes the batches since the last flush, which
 *     are then consumed again
 * @param kafkaProperties the operator's client properties (security, timeouts, tuning; {@link ClientProperties}
 *     refuses the keys the indexer must set itself): the consumer, the dead-letter producer and the admin
 *     client each take those they know, applied over the indexer's own (default: none)
 * @param adminKey the administrators' public key: when present, this replica checks signatures
 *     and applies a record only when it is signed by the key enrolled for its host, or, for the
 *     administrators' records, by this key (docs/design.md, "Who may publish what"); default none
 * @param maxClockSkew how far after the broker's time of a record an agent's incarnation may lie
 *     before the record is refused (default 1 hour)
 * @param historyRetention how long before a device's newest version its older versions are kept
 *     (default 400 days; docs/design.md, "History is state"): measured on the device's own
 *     observation times, never the wall clock, so every replica prunes alike
 * @param commandKey the API servers' command key: where this replica checks signatures, the vHBA
 *     requests and their expiries ({@code VhbaRequested}, {@code VhbaDeleteRequested},
 *     {@code VhbaRequestExpired}) apply only when this key signed them (docs/design.md, "Decisions
 *     are events"); without it, such records are refused there. Default none
 */
public record IndexerConfig(String bootstrapServers, String topic, String deadLetterTopic, Path dataDirectory,
        Duration pollTimeout, int maxPollRecords, boolean rebuild, boolean syncWrites,
        ClientProperties kafkaProperties, Optional<PublicSigningKey> adminKey, Duration maxClockSkew,
        Duration historyRetention, Optional<PublicSigningKey> commandKey) {

    /**
     * The default {@link #maxPollRecords()}, among the fastest measured by the ingest benchmark at
     * 10,000 hosts: fewer, larger batches cost less per event, but much larger ones leave too few
     * polls to fold one while the one before is written (docs/design.md, "How the indexer applies
     * a poll").
     */
    static final int DEFAULT_MAX_POLL_RECORDS = 16_000;

    /** The default {@link #historyRetention()}: 400 days. */
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(400);

    public IndexerConfig {
        requireText(bootstrapServers, "bootstrap servers");
        requireText(topic, "topic");
        requireText(deadLetterTopic, "dead-letter topic");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("poll timeout must be positive: " + pollTimeout);
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("max poll records must be at least 1: " + maxPollRecords);
        }
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("the dead-letter topic must differ from the events topic: " + topic);
        }
        Objects.requireNonNull(kafkaProperties, "kafkaProperties");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("max clock skew must not be negative: " + maxClockSkew);
        }
        Objects.requireNonNull(historyRetention, "historyRetention");
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("history retention must be positive: " + historyRetention);
        }
        Objects.requireNonNull(commandKey, "commandKey");
    }

    /** The defaults, for this cluster and data directory. */
    public static IndexerConfig of(String bootstrapServers, Path dataDirectory) {
        return new IndexerConfig(bootstrapServers, EventTopics.EVENTS_TOPIC, EventTopics.DEAD_LETTER_TOPIC,
                dataDirectory, Duration.ofMillis(500), DEFAULT_MAX_POLL_RECORDS, false, false, ClientProperties.NONE, Optional.empty(),
                Duration.ofHours(1), DEFAULT_HISTORY_RETENTION, Optional.empty());
    }

    public IndexerConfig withTopic(String newTopic) {
        return new IndexerConfig(bootstrapServers, newTopic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withDeadLetterTopic(String newDeadLetterTopic) {
        return new IndexerConfig(bootstrapServers, topic, newDeadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    /** This config reading {@code topics.events()} and dead-lettering to {@code topics.deadLetters()}. */
    public IndexerConfig withTopics(EventTopics topics) {
        return new IndexerConfig(bootstrapServers, topics.events().name(), topics.deadLetters().name(), dataDirectory,
                pollTimeout, maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withPollTimeout(Duration newPollTimeout) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, newPollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withMaxPollRecords(int newMaxPollRecords) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                newMaxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withRebuild(boolean newRebuild) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, newRebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withSyncWrites(boolean newSyncWrites) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, newSyncWrites, kafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withKafkaProperties(ClientProperties newKafkaProperties) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, newKafkaProperties, adminKey, maxClockSkew,
                historyRetention, commandKey);
    }

    /** This config checking signatures against {@code newAdminKey} (see {@link #adminKey()}). */
    public IndexerConfig withAdminKey(PublicSigningKey newAdminKey) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, Optional.of(newAdminKey), maxClockSkew,
                historyRetention, commandKey);
    }

    public IndexerConfig withMaxClockSkew(Duration newMaxClockSkew) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, newMaxClockSkew,
                historyRetention, commandKey);
    }

    /**
     * This config keeping each device's versions for {@code newHistoryRetention} before its newest
     * (see {@link #historyRetention()}).
     */
    public IndexerConfig withHistoryRetention(Duration newHistoryRetention) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew, newHistoryRetention,
                commandKey);
    }

    /** This config taking vHBA requests signed by {@code newCommandKey} (see {@link #commandKey()}). */
    public IndexerConfig withCommandKey(PublicSigningKey newCommandKey) {
        return new IndexerConfig(bootstrapServers, topic, deadLetterTopic, dataDirectory, pollTimeout,
                maxPollRecords, rebuild, syncWrites, kafkaProperties, adminKey, maxClockSkew, historyRetention,
                Optional.of(newCommandKey));
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
