package io.nodedex.event.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * The topics of the event log as nodedex creates them: the events topic, which agents write and
 * indexers read, and its dead-letter topic, where an indexer puts the records it refuses (with
 * {@link DeadLetterHeaders}). {@link #DEFAULT} is the pair every agent, indexer and the all-in-one
 * use unless told otherwise; the string constants are compile-time constants, usable in
 * annotations such as command-line defaults.
 *
 * <pre>{@code
 * EventTopics.DEFAULT.createWith(broker::createTopic);   // nodedex.events (3) and nodedex.events.dlq (1)
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
    /** How many partitions the events topic is created with. */
    public static final int EVENT_PARTITIONS = 3;
    /** How many partitions the dead-letter topic is created with: it is read by people, rarely. */
    public static final int DEAD_LETTER_PARTITIONS = 1;

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
        return new EventTopics(new Topic(eventsTopic, EVENT_PARTITIONS, Map.of()),
                new Topic(eventsTopic + DEAD_LETTER_SUFFIX, DEAD_LETTER_PARTITIONS, Map.of()));
    }

    /**
     * These topics with the events topic created with {@code partitions} partitions.
     *
     * @throws IllegalArgumentException when {@code partitions} is below 1
     */
    public EventTopics withEventPartitions(int partitions) {
        return new EventTopics(new Topic(events.name(), partitions, events.configs()), deadLetters);
    }

    /** Creates the events topic, then the dead-letter topic, with {@code creator}. */
    public void createWith(TopicCreator creator) {
        events.createWith(creator);
        deadLetters.createWith(creator);
    }

    /**
     * One topic as it is created.
     *
     * @param name the topic's name
     * @param partitions how many partitions it has, at least 1
     * @param configs its topic-level configs (none today: the broker's defaults apply)
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
