package io.nodedex.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics on an embedded broker or cluster, with as many copies as the cluster keeps, and
 * returns only once every partition answers {@code ListOffsets}, that is, once its leader is ready
 * to take writes.
 *
 * <p>Producing right after {@code CreateTopics} returns can race the partition's leader
 * election; an idempotent producer may then be left retrying {@code OUT_OF_ORDER_SEQUENCE_NUMBER}
 * and records can be lost (KAFKA-14359). Waiting for {@code ListOffsets} closes that window.
 *
 * <p>Threading: thread-safe ({@link Admin} is), but the owner serializes calls anyway.
 */
final class TopicCreator implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);
    private final Admin admin;
    private final short replicationFactor;

    /**
     * @param bootstrapServers  the plaintext broker listeners
     * @param replicationFactor how many copies of each partition the cluster keeps
     */
    TopicCreator(String bootstrapServers, int replicationFactor) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "nodedex-embedded-kafka-admin"));
        this.replicationFactor = (short) replicationFactor;
    }


    /**
     * Creates {@code name} with {@code partitions} partitions and {@code configs}, or accepts an
     * existing topic with the same partition count (its configs are left as they are), then
     * waits until every partition is ready.
     *
     * @throws IllegalArgumentException if {@code partitions} is below 1
     * @throws IllegalStateException    if the topic exists with another partition count, the
     *                                  broker rejects it, or it is not ready within 30 s
     */
    void create(String name, int partitions, Map<String, String> configs) {
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic '" + name + "': partitions must be at least 1, was " + partitions);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        NewTopic topic = new NewTopic(name, partitions, replicationFactor).configs(configs);
        try {
            await(admin.createTopics(List.of(topic), new CreateTopicsOptions()
                    .timeoutMs(remainingMillis(deadline))).all(), name, deadline);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic '" + name + "': "
                        + e.getCause().getMessage(), e.getCause());
            }
            requirePartitionCount(name, partitions, deadline);
        }
        awaitReady(name, partitions, deadline);
    }

    private void requirePartitionCount(String name, int partitions, long deadline) {
        int existing;
        try {
            existing = partitionsOf(name, deadline).size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic '" + name + "' exists but cannot be described: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (existing != partitions) {
            throw new IllegalStateException("topic '" + name + "' already exists with "
                    + existing + " partitions; cannot create it with " + partitions);
        }
    }

    /**
     * Waits until the broker's metadata names a leader for every partition (asking for offsets
     * before that makes the admin client log an ERROR per unknown topic), then until every
     * partition answers {@code ListOffsets}.
     */
    private void awaitReady(String name, int partitions, long deadline) {
        retryUntil(name, deadline, "describing it", () -> {
            List<TopicPartitionInfo> described = partitionsOf(name, deadline);
            return described.size() == partitions && described.stream()
                    .allMatch(partition -> partition.leader() != null
                            && !partition.leader().isEmpty());
        });
        Map<TopicPartition, OffsetSpec> latestOffsets = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(name, partition))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        retryUntil(name, deadline, "listing its offsets", () -> {
            await(admin.listOffsets(latestOffsets, new ListOffsetsOptions()
                    .timeoutMs(remainingMillis(deadline))).all(), name, deadline);
            return true;
        });
    }

    private List<TopicPartitionInfo> partitionsOf(String name, long deadline)
            throws ExecutionException {
        return await(admin.describeTopics(List.of(name), new DescribeTopicsOptions()
                        .timeoutMs(remainingMillis(deadline))).allTopicNames(), name, deadline)
                .get(name).partitions();
    }

    /** One request of a wait; false or a retriable error means "not yet". */
    @FunctionalInterface
    private interface Attempt {
        boolean succeeded() throws ExecutionException;
    }

    private static void retryUntil(String topic, long deadline, String what, Attempt attempt) {
        while (true) {
            try {
                if (attempt.succeeded()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("topic '" + topic + "' was created but "
                            + what + " failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            pauseBeforeRetry(topic, deadline);
        }
    }

    private static <T> T await(KafkaFuture<T> future, String topic, long deadline)
            throws ExecutionException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw new InterruptException("interrupted while creating topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw notReadyInTime(topic, e);
        }
    }

    private static void pauseBeforeRetry(String topic, long deadline) {
        if (deadline - System.nanoTime() <= RETRY_BACKOFF.toNanos()) {
            throw notReadyInTime(topic, null);
        }
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            throw new InterruptException("interrupted while creating topic '" + topic + "'", e);
        }
    }

    private static IllegalStateException notReadyInTime(String topic, Throwable cause) {
        return new IllegalStateException("topic '" + topic + "' was not created and ready within "
                + TIMEOUT.toSeconds() + " s", cause);
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
