package io.nodedex.event.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the event log's topics as {@link EventTopics} describes them, and checks topics that
 * already exist against it. Replication: 3 copies and {@code min.insync.replicas=2} where the
 * cluster has 3 brokers or more, so that one broker lost loses nothing and stops no write;
 * otherwise as many copies as brokers and 1 in sync, with a warning. {@link #ensure} returns once
 * every partition of the topics it created has a leader, so agents started next find them.
 *
 * <p>A check fails (an {@link IncompatibleTopicException} saying what to run) only where going on
 * would misread the log: an events topic that is not compacted was written by an earlier
 * release, whose records are keyed by host alone. Every other difference is a warning: configs
 * other than nodedex's, and, in {@link #ensure}, fewer copies or a lower
 * {@code min.insync.replicas} than nodedex would create the topic with on this cluster.
 *
 * <p>Not thread-safe; uses the given admin client, which the caller closes.
 */
public final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 30;
    private static final long LEADER_POLL_MILLIS = 50;
    static final int REPLICAS = 3;
    static final int MIN_IN_SYNC = 2;
    private static final String MIN_IN_SYNC_CONFIG = "min.insync.replicas";

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
        List<String> created = new ArrayList<>();
        for (EventTopics.Topic topic : List.of(topics.events(), topics.deadLetters(), topics.commands())) {
            Optional<List<String>> creation = existing.contains(topic.name()) ? Optional.empty()
                    : createUnlessExisting(topic, brokers);
            if (creation.isPresent()) {
                warnings.addAll(creation.get());
                created.add(topic.name());
            } else {
                warnings.addAll(check(topic));
                warnings.addAll(checkReplication(topic.name(), brokers));
            }
        }
        awaitLeaders(created);
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

    /** Creates the topic and returns the warnings; empty when it exists after all (created meanwhile). */
    private Optional<List<String>> createUnlessExisting(EventTopics.Topic topic, int brokers) {
        short replicas = (short) copies(brokers);
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.put(MIN_IN_SYNC_CONFIG, Integer.toString(inSync(brokers)));
        try {
            call(admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), replicas).configs(configs)))
                    .all());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return Optional.empty();
            }
            throw e;
        }
        if (replicas < REPLICAS) {
            return Optional.of(List.of("topic " + topic.name() + " created with " + replicas + " cop" + (replicas == 1 ? "y" : "ies")
                    + " and min.insync.replicas=1: the cluster has " + brokers + " broker" + (brokers == 1 ? "" : "s")
                    + "; a broker lost is data lost"));
        }
        return Optional.of(List.of());
    }

    /** Fewer copies, or fewer in sync, than nodedex would create the topic with on this cluster. */
    private List<String> checkReplication(String name, int brokers) {
        List<String> warnings = new ArrayList<>();
        int fewest = partitions(name).stream().mapToInt(partition -> partition.replicas().size()).min().orElse(0);
        if (fewest < copies(brokers)) {
            warnings.add("topic " + name + " keeps " + fewest + " cop" + (fewest == 1 ? "y" : "ies") + " of a partition"
                    + " where the cluster of " + brokers + " brokers could keep " + copies(brokers) + ": a broker lost"
                    + " can lose records (kafka-reassign-partitions.sh adds copies)");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        ConfigEntry entry = call(admin.describeConfigs(List.of(resource)).values().get(resource)).get(MIN_IN_SYNC_CONFIG);
        int configured = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
        if (configured < inSync(brokers)) {
            warnings.add("topic " + name + " has " + MIN_IN_SYNC_CONFIG + "=" + configured + ", nodedex creates it with "
                    + inSync(brokers) + " on a cluster of " + REPLICAS + " brokers or more: an acknowledged write can"
                    + " live on one broker only");
        }
        return warnings;
    }

    /** Waits until every partition of {@code names} has a leader, so that producers started next can write. */
    private void awaitLeaders(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!names.stream().allMatch(this::hasLeaders)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " were created but have no leader for every"
                        + " partition after " + TIMEOUT_SECONDS + " s");
            }
            try {
                Thread.sleep(LEADER_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the leaders of " + names, e);
            }
        }
    }

    /** Whether every partition of {@code name} has a leader; false while a broker does not know the topic yet. */
    private boolean hasLeaders(String name) {
        try {
            return partitions(name).stream()
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof RetriableException) { // the answering broker has not heard of it yet
                return false;
            }
            throw e;
        }
    }

    private List<TopicPartitionInfo> partitions(String name) {
        return call(admin.describeTopics(List.of(name)).allTopicNames()).get(name).partitions();
    }

    /** How many copies nodedex keeps of a partition on a cluster of {@code brokers}. */
    private static int copies(int brokers) {
        return Math.max(1, Math.min(REPLICAS, brokers));
    }

    /** The {@code min.insync.replicas} nodedex sets on a cluster of {@code brokers}. */
    private static int inSync(int brokers) {
        return copies(brokers) >= REPLICAS ? MIN_IN_SYNC : 1;
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
