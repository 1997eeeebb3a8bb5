package io.nodedex.event.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Creates the event log's topics as {@link EventTopics} describes them, and checks topics that
 * already exist against it. Replication: 3 copies and {@code min.insync.replicas=2} where the
 * cluster has 3 brokers or more; otherwise as many copies as brokers and 1 in sync, with a warning.
 *
 * <p>A check fails (an {@link IncompatibleTopicException} saying what to run) only where going on
 * would misread the log: an events topic that is not compacted was written by an earlier
 * release, whose records are keyed by host alone. Every other difference is a warning.
 *
 * <p>Not thread-safe; uses the given admin client, which the caller closes.
 */
public final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 30;
    static final int REPLICAS = 3;
    static final int MIN_IN_SYNC = 2;

    private final Admin admin;

    public TopicSetup(Admin admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Creates what is missing of {@code topics}, checks what exists, and returns the warnings.
     *
     * @throws IncompatibleTopicException when an existing topic cannot be used (see the class
     *     comment)
     * @throws IllegalStateException when Kafka refuses or does not answer
     */
    public List<String> ensure(EventTopics topics) {
        Set<String> existing = call(admin.listTopics().names());
        int brokers = call(admin.describeCluster().nodes()).size();
        List<String> warnings = new ArrayList<>();
        for (EventTopics.Topic topic : List.of(topics.events(), topics.deadLetters())) {
            if (existing.contains(topic.name())) {
                warnings.addAll(check(topic));
            } else {
                warnings.addAll(create(topic, brokers));
            }
        }
        return warnings;
    }

    /**
     * Checks an existing topic against {@code topic}'s configs; returns the warnings.
     *
     * @throws IncompatibleTopicException when the events topic is not compacted
     */
    public List<String> check(EventTopics.Topic topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config actual = call(admin.describeConfigs(List.of(resource)).values().get(resource));
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> wanted : new TreeMap<>(topic.configs()).entrySet()) {
            ConfigEntry entry = actual.get(wanted.getKey());
            String value = entry == null ? null : entry.value();
            if (Objects.equals(value, wanted.getValue())) {
                continue;
            }
            if (wanted.getKey().equals("cleanup.policy") && wanted.getValue().equals("compact")
                    && (value == null || !value.contains("compact"))) {
                throw new IncompatibleTopicException("topic " + topic.name() + " has cleanup.policy=" + value
                        + ": it was written by an earlier release of nodedex, whose records are keyed by host"
                        + " alone and never compacted. Delete it (kafka-topics.sh --bootstrap-server ... --delete"
                        + " --topic " + topic.name() + "), create it anew (nodedex topics --bootstrap-servers ...),"
                        + " restart the agents (each publishes its full state on start), then start every replica"
                        + " with --rebuild");
            }
            warnings.add("topic " + topic.name() + " has " + wanted.getKey() + "=" + value + ", nodedex creates it"
                    + " with " + wanted.getValue());
        }
        return warnings;
    }

    private List<String> create(EventTopics.Topic topic, int brokers) {
        short replicas = (short) Math.max(1, Math.min(REPLICAS, brokers));
        Map<String, String> configs = new HashMap<>(topic.configs());
        int inSync = replicas >= REPLICAS ? MIN_IN_SYNC : 1;
        configs.put("min.insync.replicas", Integer.toString(inSync));
        call(admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), replicas).configs(configs)))
                .all());
        if (replicas < REPLICAS) {
            return List.of("topic " + topic.name() + " created with " + replicas + " cop" + (replicas == 1 ? "y" : "ies")
                    + " and min.insync.replicas=1: the cluster has " + brokers + " broker" + (brokers == 1 ? "" : "s")
                    + "; a broker lost is data lost");
        }
        return List.of();
    }

    private static <T> T call(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka", e);
        }
    }

    /** An existing topic that nodedex cannot use as it is; the message says what to run. */
    public static final class IncompatibleTopicException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IncompatibleTopicException(String message) {
            super(message);
        }
    }
}
