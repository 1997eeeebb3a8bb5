package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostRetired;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.CompactedRecords;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Devices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code nodedex topics} and {@code nodedex host retire} against a real broker. */
class LogCommandsTest {

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @Test
    void topicsCreatesACompactedEventsTopicAndSaysWhatASingleBrokerCannotGive() throws Exception {
        CommandRun first = CommandRun.of("topics", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "fresh",
                "--partitions", "6");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("topics ready: fresh (6 partitions, compacted), fresh.dlq\n");
        assertThat(first.err()).contains("topic fresh created with 1 copy and min.insync.replicas=1: the cluster has"
                + " 1 broker; a broker lost is data lost");
        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "fresh");
            Config config = admin.describeConfigs(List.of(resource)).values().get(resource).get();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of("fresh")).allTopicNames().get().get("fresh").partitions())
                    .hasSize(6);
        }
        CommandRun again = CommandRun.of("topics", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "fresh");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).isEmpty();
    }

    @Test
    void aTopicOfAnEarlierReleaseIsRefusedSayingWhatToRun() {
        kafka.createTopic("earlier", 3); // the broker's defaults: cleanup.policy=delete

        CommandRun run = CommandRun.of("topics", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "earlier");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run.err()).startsWith("nodedex: topic earlier has cleanup.policy=delete: it was written by an"
                + " earlier release").contains("--delete --topic earlier", "nodedex topics", "--rebuild");
    }

    @Test
    void retiringAHostTombstonesItsKeysAndPublishesItsRetirement() throws Exception {
        CommandRun created = CommandRun.of("topics", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "retire");
        assertThat(created.exitCode()).isZero();
        publishSnapshots("retire", "hv07", Devices.pci("pci_0000_05_00_0"), Devices.pci("pci_0000_05_00_1"));
        publishSnapshots("retire", "hv08", Devices.pci("pci_0000_05_00_0"));

        CommandRun run = CommandRun.of("host", "retire", "hv07", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "retire");

        int partition = EventKey.partition("hv07", 3);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("retired host hv07: 2 keys tombstoned, retirement at partition " + partition
                + " offset \\d+ of retire\n");
        List<ConsumerRecord<byte[], byte[]>> records = readAll("retire", partition);
        List<String> hv07 = records.stream().filter(r -> EventKey.hostOf(r.key()).equals("hv07"))
                .map(r -> EventKey.show(r.key()) + (r.value() == null ? " tombstone" : "")).toList();
        assertThat(hv07).containsExactly("'hv07/LIBVIRT'", "'hv07/UDEV'", "'hv07/LIBVIRT' tombstone",
                "'hv07/UDEV' tombstone", "'hv07'");
        ConsumerRecord<byte[], byte[]> last = records.stream()
                .filter(r -> EventKey.hostOf(r.key()).equals("hv07")).reduce((a, b) -> b).orElseThrow();
        assertThat(new EventCodec().decode(last.value()).payload()).isEqualTo(new HostRetired());
    }

    @Test
    void retiringAHostTheLogNeverHeardOfIsNotFound() {
        CommandRun created = CommandRun.of("topics", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "empty");
        assertThat(created.exitCode()).isZero();

        CommandRun run = CommandRun.of("host", "retire", "hv99", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "empty");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).isEqualTo("nodedex: topic empty holds no record of host 'hv99': nothing to retire\n");
    }

    /** Publishes a snapshot of each source of {@code host}, as its agent would. */
    private static void publishSnapshots(String topic, String host, Device... devices) throws Exception {
        CompactedRecords records = new CompactedRecords();
        EventCodec codec = new EventCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Source source : Source.values()) {
                Event snapshot = new Event(new EventHeader(host, 1, 0, source, Instant.EPOCH),
                        new HostSnapshot(List.of(devices)));
                CompactedRecords.Plan plan = records.plan(snapshot);
                for (CompactedRecords.Keyed keyed : plan.records()) {
                    producer.send(new ProducerRecord<>(topic, EventKey.partition(host, 3), keyed.key(),
                            keyed.event().map(codec::encode).orElse(null))).get();
                }
                plan.commit();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partition) {
        return readAll(kafka.bootstrapServers(), topic, partition);
    }

    /** Every record of one partition of {@code topic}, from the beginning to its end now. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, int partition) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition assigned = new TopicPartition(topic, partition);
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
            long end = consumer.endOffsets(List.of(assigned)).get(assigned);
            while (consumer.position(assigned) < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
