package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.agent.TopicReader.Received;
import io.nodedex.device.Device;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.KernelSysfs;
import io.nodedex.testkit.TestDriverXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole agent publishing through the real producer path to an embedded KRaft broker. */
class AgentKafkaTest {

    static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 2, false);

    private static EmbeddedKafkaBroker kafka;
    private static int topics;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** The fake sysfs tree of host {@code hv042}: an NPIV port with one vHBA. */
    static KernelSysfs hostTree(Path root) {
        return new KernelSysfs(root)
                .port(7, "0000:05:00.0", 0x0090_fa1c_2d3eL, 0x1000_0005_1e9a_0b01L, "Online", 255, 1)
                .vhba(9, 7, 0, 0x0001_001b_32a9_da4eL, 0x1000_0005_1e9a_0b01L);
    }

    /**
     * An agent for host {@code hv042} publishing to {@code topic}: libvirt's test:///default and
     * sysfs at {@code dir/sys} (see {@link #hostTree}), state in {@code dir/state}.
     */
    static AgentConfig config(Path dir, String bootstrapServers, String topic) {
        return AgentConfig.defaults("hv042")
                .withLibvirt(Optional.of(LibvirtSourceSettings.of("test:///default").withReconnect(FAST)))
                .withSysfs(Optional.of(new SysfsSourceSettings(dir.resolve("sys"), Duration.ofHours(1), false)))
                .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(bootstrapServers).withTopic(topic))
                .withStateDirectory(dir.resolve("state"))
                .withPublishRetry(FAST);
    }

    @Test
    void publishesBothSourcesSnapshotsKeyedByWhatTheyReplaceInTheHostsPartitionWithGapFreeSequences() throws Exception {
        String topic = newTopic();
        hostTree(dir.resolve("sys"));
        AgentConfig config = config(dir, kafka.bootstrapServers(), topic).withHeartbeatInterval(Duration.ofMillis(50));
        try (Agent agent = Agent.start(config);
             TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            List<Received> records = reader.readUntil(
                    has(Source.LIBVIRT, HostSnapshot.class, 1).and(has(Source.LIBVIRT, Heartbeat.class, 3))
                            .and(has(Source.UDEV, HostSnapshot.class, 1)),
                    "both snapshots and three heartbeats");

            assertThat(records).extracting(Received::key)
                    .containsOnly("hv042\0LIBVIRT", "hv042\0LIBVIRT\0", "hv042\0UDEV");
            assertThat(records).extracting(Received::partition).containsOnly(records.get(0).partition());
            assertThat(records).extracting(Received::signer).as("signed by the key in the state directory")
                    .containsOnly(Optional.of(PublicSigningKey.read(dir.resolve("state/host-key.pub.pem"))));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/host-key.pem"))))
                    .isEqualTo("rw-------");
            assertThat(records).allSatisfy(r -> assertThat(r.event().header().incarnation())
                    .isEqualTo(agent.incarnation()));
            for (Source source : Source.values()) {
                assertThat(sequences(records, source)).as("sequences of %s", source)
                        .isEqualTo(LongStream.range(0, sequences(records, source).size()).boxed().toList());
            }
            SourceViews views = SourceViews.fold(events(records));
            assertThat(views.of(Source.LIBVIRT)).isEqualTo(SourceViews.byName(LibvirtDevices.read("test:///default")));
            assertThat(views.of(Source.UDEV)).isEqualTo(SourceViews.byName(SysfsTree.read(dir.resolve("sys"))));
        }
    }

    @Test
    void everySourceReSendsItsUnchangedStateEveryResendInterval() throws Exception {
        String topic = newTopic();
        hostTree(dir.resolve("sys"));
        AgentConfig config = config(dir, kafka.bootstrapServers(), topic).withResendInterval(Duration.ofSeconds(1));
        try (Agent agent = Agent.start(config);
             TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            List<Received> records = reader.readUntil(has(Source.LIBVIRT, HostSnapshot.class, 3)
                    .and(has(Source.UDEV, HostSnapshot.class, 3)), "the first snapshot and two re-sends of each source");

            for (Source source : Source.values()) {
                List<HostSnapshot> snapshots = records.stream().map(Received::event)
                        .filter(e -> e.header().source() == source && e.payload() instanceof HostSnapshot)
                        .map(e -> (HostSnapshot) e.payload()).toList();
                assertThat(snapshots).as("%s re-sends what it has, unchanged", source).allMatch(snapshots.get(0)::equals);
            }
        }
    }

    @Test
    void aVhbaCreatedOnTheHostArrivesAsAnUpsertNumberedAfterTheSnapshot() throws Exception {
        String topic = newTopic();
        hostTree(dir.resolve("sys"));
        try (Agent agent = Agent.start(config(dir, kafka.bootstrapServers(), topic));
             TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic);
             LibvirtConnection operator = LibvirtConnection.open("test:///default")) {
            reader.readUntil(has(Source.LIBVIRT, HostSnapshot.class, 1), "the libvirt snapshot");
            String vhba = operator.createNodeDevice(TestDriverXml.vhbaRequest("scsi_host2", "2001001b32a9da80",
                    "2101001b32a9da80"));
            try {
                List<Received> records = reader.readUntil(has(Source.LIBVIRT, DeviceUpserted.class, 1), "the upsert");
                Event upsert = records.stream().map(Received::event)
                        .filter(e -> e.payload() instanceof DeviceUpserted).findFirst().orElseThrow();
                Device device = ((DeviceUpserted) upsert.payload()).device();
                assertThat(device.name()).isEqualTo(vhba);
                assertThat(device.fcHost().orElseThrow().wwpn()).hasToString("2101001b32a9da80");
                assertThat(upsert.header().sequence()).isEqualTo(1);
                assertThat(upsert.header().incarnation()).isEqualTo(agent.incarnation());
            } finally {
                LibvirtDevices.destroySettled(operator, vhba);
            }
        }
    }

    @Test
    void everyRestartTakesALargerIncarnationAndNumbersFromZeroAgain() throws Exception {
        String topic = newTopic();
        hostTree(dir.resolve("sys"));
        AgentConfig config = config(dir, kafka.bootstrapServers(), topic).withLibvirt(Optional.empty());
        long first;
        long second;
        try (Agent agent = Agent.start(config)) {
            first = agent.incarnation();
        }
        try (Agent agent = Agent.start(config)) {
            second = agent.incarnation();
        }
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            List<Received> records = reader.readUntil(has(Source.UDEV, HostSnapshot.class, 2), "two snapshots");

            assertThat(second).isGreaterThan(first);
            assertThat(records).extracting(r -> r.event().header().incarnation() + "#" + r.event().header().sequence())
                    .containsExactly(first + "#0", second + "#0");
        }
    }

    private static String newTopic() {
        String topic = "agent-test-" + ++topics;
        EventTopics.named(topic).events().createWith(kafka::createTopic);
        return topic;
    }

    static Predicate<List<Received>> has(Source source, Class<?> payload, int count) {
        return records -> records.stream().map(Received::event)
                .filter(e -> e.header().source() == source && payload.isInstance(e.payload())).count() >= count;
    }

    static List<Long> sequences(List<Received> records, Source source) {
        return records.stream().map(Received::event).filter(e -> e.header().source() == source)
                .map(e -> e.header().sequence()).toList();
    }

    static List<Event> events(List<Received> records) {
        return records.stream().map(Received::event).toList();
    }
}
