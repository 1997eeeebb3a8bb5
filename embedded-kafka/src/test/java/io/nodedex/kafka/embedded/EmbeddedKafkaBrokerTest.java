package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.kafka.embedded.TestClients.StoredRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specification of the embedded broker, against real brokers. Tests that only create topics
 * with names of their own share one broker; tests about lifecycle start their own.
 */
class EmbeddedKafkaBrokerTest {

    private static EmbeddedKafkaBroker shared;

    @BeforeAll
    static void startSharedBroker() {
        shared = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void closeSharedBroker() {
        shared.close();
    }

    @Test
    void idempotentProducerRecordsComeBackCompleteAndInOrderPerPartition() throws Exception {
        shared.createTopic("spread", 3);
        List<ProducerRecord<String, String>> records = IntStream.range(0, 600)
                .mapToObj(i -> new ProducerRecord<>("spread", "host-" + (i % 40), "event-" + i))
                .collect(Collectors.toList());

        List<StoredRecord> sent = TestClients.produce(shared.bootstrapServers(), records);
        List<StoredRecord> read = TestClients.readAll(shared.bootstrapServers(), "spread");

        assertThat(sent).extracting(StoredRecord::partition).containsOnly(0, 1, 2);
        assertThat(read).hasSize(600);
        assertThat(byPartitionValues(read)).isEqualTo(byPartitionValues(sent));
        assertThat(read).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsTopicsAndRecords(@TempDir Path directory)
            throws Exception {
        List<StoredRecord> sent;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder()
                .dataDirectory(directory).start()) {
            first.createTopic("kept", 2);
            sent = TestClients.produce(first.bootstrapServers(), IntStream.range(0, 50)
                    .mapToObj(i -> new ProducerRecord<>("kept", "host-" + i, "event-" + i))
                    .collect(Collectors.toList()));
        }
        assertThat(directory.resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder()
                .dataDirectory(directory).start();
             Admin admin = TestClients.admin(second.bootstrapServers())) {
            assertThat(admin.listTopics().names().get()).contains("kept");
            assertThat(describe(admin, "kept").partitions()).hasSize(2);
            assertThat(TestClients.readAll(second.bootstrapServers(), "kept"))
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void twoBrokersInOneJvmHaveTheirOwnPortsTopicsAndRecords() throws Exception {
        try (EmbeddedKafkaBroker other = EmbeddedKafkaBroker.start();
             Admin sharedAdmin = TestClients.admin(shared.bootstrapServers());
             Admin otherAdmin = TestClients.admin(other.bootstrapServers())) {
            assertThat(other.bootstrapServers()).isNotEqualTo(shared.bootstrapServers());
            assertThat(other.dataDirectory()).isNotEqualTo(shared.dataDirectory());

            shared.createTopic("same-name", 1);
            other.createTopic("same-name", 4);
            TestClients.produce(other.bootstrapServers(),
                    List.of(new ProducerRecord<>("same-name", "host-1", "only-on-other")));

            assertThat(describe(sharedAdmin, "same-name").partitions()).hasSize(1);
            assertThat(describe(otherAdmin, "same-name").partitions()).hasSize(4);
            assertThat(TestClients.readAll(shared.bootstrapServers(), "same-name")).isEmpty();
            assertThat(TestClients.readAll(other.bootstrapServers(), "same-name"))
                    .extracting(StoredRecord::value).containsExactly("only-on-other");
        }

        // closing one broker leaves the other one serving
        shared.createTopic("after-other-closed", 1);
        TestClients.produce(shared.bootstrapServers(),
                List.of(new ProducerRecord<>("after-other-closed", "host-1", "still-served")));
        assertThat(TestClients.readAll(shared.bootstrapServers(), "after-other-closed"))
                .extracting(StoredRecord::value).containsExactly("still-served");
    }

    @Test
    void creatingAnExistingTopicWithTheSamePartitionCountChangesNothing() throws Exception {
        shared.createTopic("twice", 2);
        List<StoredRecord> sent = TestClients.produce(shared.bootstrapServers(),
                List.of(new ProducerRecord<>("twice", "host-1", "before-second-create")));

        shared.createTopic("twice", 2);

        assertThat(TestClients.readAll(shared.bootstrapServers(), "twice")).isEqualTo(sent);
    }

    @Test
    void creatingAnExistingTopicWithAnotherPartitionCountFailsNamingBothCounts() {
        shared.createTopic("fixed-count", 2);

        assertThatThrownBy(() -> shared.createTopic("fixed-count", 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topic 'fixed-count' already exists with 2 partitions; "
                        + "cannot create it with 5");
    }

    @Test
    void createTopicAppliesTopicConfigs() throws Exception {
        shared.createTopic("compacted", 1, Map.of("cleanup.policy", "compact"));

        try (Admin admin = TestClients.admin(shared.bootstrapServers())) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void createTopicRejectsFewerThanOnePartition() {
        assertThatThrownBy(() -> shared.createTopic("no-partitions", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no-partitions'")
                .hasMessageContaining("was 0");
    }

    @Test
    void createTopicRejectsAnIllegalNameNamingIt() {
        assertThatThrownBy(() -> shared.createTopic("bad name!", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'bad name!'");
    }

    @Test
    void topicsAreNotCreatedWhenAClientFirstNamesThem() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer(shared.bootstrapServers());
             Admin admin = TestClients.admin(shared.bootstrapServers())) {
            assertThat(consumer.partitionsFor("never-created")).isEmpty();
            // metadata changes pass through the one controller in order: once a topic created
            // after the lookup exists, a topic the lookup created would exist too
            shared.createTopic("created-after-lookup", 1);
            assertThat(admin.listTopics().names().get())
                    .contains("created-after-lookup")
                    .doesNotContain("never-created");
        }
    }

    @Test
    void topicsAreCreatedWhenAClientFirstNamesThemIfAsked() {
        try (EmbeddedKafkaBroker autoCreating = EmbeddedKafkaBroker.builder()
                .autoCreateTopics(true).start();
             KafkaConsumer<String, String> consumer = consumer(autoCreating.bootstrapServers())) {
            // the first lookup creates the topic; its partitions appear once it has a leader
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<PartitionInfo> partitions = consumer.partitionsFor("created-on-first-use");
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor("created-on-first-use");
            }
            assertThat(partitions).hasSize(1);
        }
    }

    @Test
    void closeReleasesTheBrokerPortDeletesTheTemporaryDirectoryAndCanBeRepeated() {
        EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start();
        int port = port(first);
        Path temporaryDirectory = first.dataDirectory();

        first.close();
        first.close();

        assertThat(temporaryDirectory).doesNotExist();
        assertThatThrownBy(() -> first.createTopic("after-close", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().brokerPort(port).start()) {
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            second.createTopic("on-reused-port", 1);
        }
    }

    @Test
    void startingOnABrokerPortInUseFailsNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerPort(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aNonEmptyDirectoryWithoutKafkaDataIsNeitherFormattedNorUsed(@TempDir Path directory)
            throws IOException {
        Path foreign = Files.writeString(directory.resolve("notes.txt"), "not Kafka data");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDirectory(directory).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("meta.properties");
        try (var entries = Files.list(directory)) {
            assertThat(entries).containsExactly(foreign);
        }
    }

    @Test
    void aSecondBrokerOnADataDirectoryInUseFailsToStartAndTheFirstKeepsServing() throws Exception {
        Path inUse = shared.dataDirectory();

        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDirectory(inUse).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(inUse.toString())
                .hasMessageContaining("in use");

        shared.createTopic("after-failed-start", 1);
        TestClients.produce(shared.bootstrapServers(),
                List.of(new ProducerRecord<>("after-failed-start", "host-1", "still-served")));
        assertThat(TestClients.readAll(shared.bootstrapServers(), "after-failed-start"))
                .extracting(StoredRecord::value).containsExactly("still-served");
    }

    @Test
    void brokerPortOutsideTheTcpRangeIsRejected() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerPort(65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    private static Map<Integer, List<String>> byPartitionValues(List<StoredRecord> records) {
        return records.stream().collect(Collectors.groupingBy(StoredRecord::partition,
                Collectors.mapping(StoredRecord::value, Collectors.toList())));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new StringDeserializer());
    }

    private static int port(EmbeddedKafkaBroker broker) {
        String servers = broker.bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }
}
