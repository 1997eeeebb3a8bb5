package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.kafka.embedded.TestClients.StoredRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of the embedded three-node cluster: every partition on three nodes, a stopped
 * leader replaced by another in-sync replica, a restarted node back in sync, a whole cluster
 * stopped and started again with nothing lost. The tests share one cluster and leave every node
 * running when they end.
 */
class EmbeddedKafkaClusterTest {

    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.start(3);
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @Test
    void clientsBootstrapFromEveryNode() {
        assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void aTopicHasThreeInSyncCopiesOfEveryPartition() throws Exception {
        cluster.createTopic("copies", 3, Map.of("min.insync.replicas", "2"));

        try (Admin admin = TestClients.admin(cluster.bootstrapServers())) {
            TopicDescription topic = admin.describeTopics(List.of("copies")).allTopicNames().get().get("copies");
            for (TopicPartitionInfo partition : topic.partitions()) {
                assertThat(partition.replicas()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
                assertThat(partition.isr()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
            }
        }
    }

    @Test
    void aStoppedLeaderIsReplacedByAnotherCopyAndNothingAcknowledgedIsLost() throws Exception {
        cluster.createTopic("failover", 1, Map.of("min.insync.replicas", "2"));
        List<StoredRecord> before = TestClients.produce(cluster.bootstrapServers(), records("failover", 0, 100));
        int leader = cluster.leaderOf("failover", 0).orElseThrow();

        cluster.stop(leader);
        try {
            await("another node leads", () -> {
                OptionalInt successor = cluster.leaderOf("failover", 0);
                return successor.isPresent() && successor.getAsInt() != leader;
            });
            List<StoredRecord> during = TestClients.produce(cluster.bootstrapServers(), records("failover", 100, 200));

            assertThat(values(TestClients.readAll(cluster.bootstrapServers(), "failover")))
                    .isEqualTo(values(concat(before, during)));
        } finally {
            cluster.restart(leader);
        }
        awaitInSync("failover", 3);
        assertThat(values(TestClients.readAll(cluster.bootstrapServers(), "failover")))
                .isEqualTo(IntStream.range(0, 200).mapToObj(i -> "event-" + i).toList());
    }

    @Test
    void aWholeClusterStoppedAndStartedAgainKeepsItsTopicsAndRecords() throws Exception {
        cluster.createTopic("outage", 3, Map.of("min.insync.replicas", "2"));
        List<StoredRecord> before = TestClients.produce(cluster.bootstrapServers(), records("outage", 0, 300));
        String servers = cluster.bootstrapServers();

        cluster.stop(1, 2, 3);
        cluster.restart(1, 2, 3);

        assertThat(cluster.bootstrapServers()).isEqualTo(servers);
        List<StoredRecord> after = TestClients.produce(cluster.bootstrapServers(), records("outage", 300, 330));
        assertThat(TestClients.readAll(cluster.bootstrapServers(), "outage")).hasSize(330)
                .containsAll(before).containsAll(after);
    }

    @Test
    void restartingARunningNodeDoesNothing() throws Exception {
        cluster.createTopic("untouched", 1, Map.of());
        List<StoredRecord> sent = TestClients.produce(cluster.bootstrapServers(), records("untouched", 0, 10));

        cluster.restart(1, 2, 3);

        assertThat(TestClients.readAll(cluster.bootstrapServers(), "untouched")).isEqualTo(sent);
    }

    @Test
    void aNodeThatIsNotOneOfTheClustersIsRefused() {
        assertThatThrownBy(() -> cluster.stop(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no node 4: the nodes are [1, 2, 3]");
        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cluster has 1 to 9 nodes, not 0");
    }

    private static List<ProducerRecord<String, String>> records(String topic, int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new ProducerRecord<>(topic, 0, "host-" + (i % 7), "event-" + i))
                .collect(Collectors.toList());
    }

    private static List<String> values(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::value).toList();
    }

    private static List<StoredRecord> concat(List<StoredRecord> first, List<StoredRecord> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** Waits until every partition of {@code topic} has {@code copies} replicas in sync. */
    private static void awaitInSync(String topic, int copies) {
        await("every partition of " + topic + " has " + copies + " copies in sync", () -> {
            try (Admin admin = TestClients.admin(cluster.bootstrapServers())) {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .allMatch(partition -> partition.isr().size() == copies);
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
