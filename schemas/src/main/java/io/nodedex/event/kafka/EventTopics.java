package io.nodedex.event.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The topics of the event log as nodedex creates them: the events topic, which agents write and
 * indexers read, and its dead-letter topic, where an indexer puts the records it refuses (with
 * {@link DeadLetterHeaders}). {@link #DEFAULT} is the pair every agent, indexer and the all-in-one
 * use unless told otherwise; the string constants are compile-time constants, usable in
 * annotations such as command-line defaults.
 *
 * <pre>{@code
 * EventTopics.DEFAULT.createWith(broker::createTopic);   // nodedex.events (3, compacted), nodedex.events.dlq (1)
 * EventTopics.named("test-7").withEventPartitions(1);    // test-7 (1) and test-7.dlq (1)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param events the events topic; its partition count bounds how many consumers share the work
 * @param deadLetters the dead-letter topic
 * @throws IllegalArgumentException when both are the same topic
 */
public record EventTopics(Topic events, Topic deadLetters) {

    /** The events topic's default name. */
    public static final String EVENTS_TOPIC = "nodedex.events";
    /** What a dead-letter topic's name adds to its events topic's name. */
    private static final String DEAD_LETTER_SUFFIX = ".dlq";
    /** The dead-letter topic's default name: the events topic's, then {@code .dlq}. */
    public static final String DEAD_LETTER_TOPIC = EVENTS_TOPIC + DEAD_LETTER_SUFFIX;
    private static final String EVENTS_SUFFIX = ".events";
    /** The suffix of the {@link #commands() commands topic}'s name. */
    public static final String COMMANDS_SUFFIX = ".commands";
    /** The commands topic's configs: deleted after a day, the broker's time on every record. */
    public static final Map<String, String> COMMAND_CONFIGS = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", Long.toString(java.time.Duration.ofDays(1).toMillis()),
            "message.timestamp.type", "LogAppendTime");
    /** How many partitions the events topic is created with. */
    public static final int EVENT_PARTITIONS = 3;
    /** How many partitions the dead-letter topic is created with: it is read by people, rarely. */
    public static final int DEAD_LETTER_PARTITIONS = 1;

    /**
     * The events topic's configs: compacted, so its bytes grow with the fleet and not with its age
     * (docs/design.md, "The log grows with the fleet"). Compaction keeps the latest record of
     * every key ({@link EventKey}); it works on closed segments, so a segment closes at least
     * hourly; a tombstone, which carries no state, is kept a day. Every record carries the time
     * the broker appended it ({@code LogAppendTime}), not its producer's: replicas compare an
     * agent's incarnation with it (docs/design.md, "Who may publish what").
     */
    public static final Map<String, String> EVENT_CONFIGS = Map.of(
            "cleanup.policy", "compact",
            "segment.ms", Long.toString(Duration.ofHours(1).toMillis()),
            "delete.retention.ms", Long.toString(Duration.ofDays(1).toMillis()),
            "message.timestamp.type", "LogAppendTime");

    /** The dead-letter topic's configs: read by people, so kept for 30 days, then deleted. */
    public static final Map<String, String> DEAD_LETTER_CONFIGS = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", Long.toString(Duration.ofDays(30).toMillis()));

    /** {@value #EVENTS_TOPIC} and {@value #DEAD_LETTER_TOPIC}. */
    public static final EventTopics DEFAULT = named(EVENTS_TOPIC);

    public EventTopics {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(deadLetters, "deadLetters");
        if (events.name().equals(deadLetters.name())) {
            throw new IllegalArgumentException("the dead-letter topic must differ from the events topic: "
                    + events.name());
        }
    }

    /**
     * The events topic {@code eventsTopic} and its dead-letter topic {@code eventsTopic.dlq}, each
     * with the default partition count and configs.
     *
     * @throws IllegalArgumentException when {@code eventsTopic} is blank
     */
    public static EventTopics named(String eventsTopic) {
        return new EventTopics(new Topic(eventsTopic, EVENT_PARTITIONS, EVENT_CONFIGS),
                new Topic(eventsTopic + DEAD_LETTER_SUFFIX, DEAD_LETTER_PARTITIONS, DEAD_LETTER_CONFIGS));
    }

    /**
     * These topics with the events topic created with {@code partitions} partitions.
     *
     * @throws IllegalArgumentException when {@code partitions} is below 1
     */
    public EventTopics withEventPartitions(int partitions) {
        return new EventTopics(new Topic(events.name(), partitions, events.configs()), deadLetters);
    }

    /**
     * These topics with {@code configs} added to (or replacing) the events topic's configs: e.g.
     * small segments and no compaction lag, so that a test sees compaction at work.
     */
    public EventTopics withEventConfigs(Map<String, String> configs) {
        Map<String, String> merged = new TreeMap<>(events.configs());
        merged.putAll(configs);
        return new EventTopics(new Topic(events.name(), events.partitions(), merged), deadLetters);
    }

    /**
     * The commands topic that goes with these events (docs/design.md, "Decisions are events"):
     * the events topic's name with its {@code .events} suffix replaced by {@value #COMMANDS_SUFFIX}
     * (appended when it has none), so {@code nodedex.events} goes with {@code nodedex.commands}; as
     * many partitions as the events topic, keyed and partitioned by host as it is; records deleted
     * after {@link #COMMAND_CONFIGS a day} (a command is useless after its request expired).
     */
    public Topic commands() {
        String name = events.name();
        String base = name.endsWith(EVENTS_SUFFIX) ? name.substring(0, name.length() - EVENTS_SUFFIX.length()) : name;
        return new Topic(base + COMMANDS_SUFFIX, events.partitions(), COMMAND_CONFIGS);
    }

    /** Creates the events topic, then the dead-letter topic, then the commands topic, with {@code creator}. */
    public void createWith(TopicCreator creator) {
        events.createWith(creator);
        deadLetters.createWith(creator);
        commands().createWith(creator);
    }

    /**
     * One topic as it is created.
     *
     * @param name the topic's name
     * @param partitions how many partitions it has, at least 1
     * @param configs its topic-level configs; the broker's defaults apply to the others
     * @throws IllegalArgumentException when the name is blank or {@code partitions} is below 1
     */
    public record Topic(String name, int partitions, Map<String, String> configs) {

        public Topic {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a topic name must not be blank");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("topic '" + name + "': partitions must be at least 1, was "
                        + partitions);
            }
            configs = Map.copyOf(configs);
        }

        /** Creates this topic with {@code creator}. */
        public void createWith(TopicCreator creator) {
            creator.create(name, partitions, configs);
        }
    }

    /**
     * Whatever creates topics, e.g. an embedded broker's {@code createTopic(name, partitions,
     * configs)} or a wrapper around a Kafka admin client.
     */
    @FunctionalInterface
    public interface TopicCreator {

        void create(String name, int partitions, Map<String, String> configs);
    }
}
