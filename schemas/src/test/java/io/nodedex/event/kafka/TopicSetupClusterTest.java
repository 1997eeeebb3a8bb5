package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.kafka.embedded.EmbeddedKafkaCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicSetup} on a real cluster of three brokers: every partition of both topics gets three
 * copies on three brokers and {@code min.insync.replicas=2}, so one broker lost loses no
 * acknowledged record and stops no write. (On one broker: one copy and a warning, see the
 * {@code topics} command's tests.)
 */
class TopicSetupClusterTest {

    private static EmbeddedKafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.start(3);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() {
        admin.close();
        cluster.close();
    }

    @Test
    void onThreeBrokersEveryPartitionHasThreeCopiesAndTwoMustAcknowledgeEachWrite() throws Exception {
        EventTopics topics = EventTopics.named("replicated").withEventPartitions(6);

        List<String> warnings = new TopicSetup(admin).ensure(topics);

        assertThat(warnings).isEmpty();
        for (String name : List.of("replicated", "replicated.dlq")) {
            TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            for (TopicPartitionInfo partition : topic.partitions()) {
                assertThat(partition.replicas()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
                assertThat(partition.leader()).as("a leader once ensure returns").isNotNull();
            }
            assertThat(config(name).get("min.insync.replicas").value()).isEqualTo("2");
        }
        assertThat(config("replicated").get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions())
                .hasSize(6);
    }

    @Test
    void anExistingTopicWithFewerCopiesThanTheClusterCouldKeepIsAWarning() throws Exception {
        Map<String, String> deadLetters = new HashMap<>(EventTopics.DEAD_LETTER_CONFIGS);
        deadLetters.put("min.insync.replicas", "2");
        admin.createTopics(List.of(new NewTopic("thin", 3, (short) 1).configs(EventTopics.EVENT_CONFIGS),
                new NewTopic("thin.dlq", 1, (short) 3).configs(deadLetters))).all().get();
        awaitKnown("thin", "thin.dlq");

        List<String> warnings = new TopicSetup(admin).ensure(EventTopics.named("thin"));

        assertThat(warnings).containsExactly(
                "topic thin keeps 1 copy of a partition where the cluster of 3 brokers could keep 3: a broker lost can"
                        + " lose records (kafka-reassign-partitions.sh adds copies)",
                "topic thin has min.insync.replicas=1, nodedex creates it with 2 on a cluster of 3 brokers or more:"
                        + " an acknowledged write can live on one broker only");
    }

    /** Waits until the broker answering the admin client knows the topics (metadata reaches brokers a moment apart). */
    private static void awaitKnown(String... topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.listTopics().names().get().containsAll(List.of(topics))) {
            assertThat(System.nanoTime()).as("the topics are known within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).values().get(resource).get();
    }
}
