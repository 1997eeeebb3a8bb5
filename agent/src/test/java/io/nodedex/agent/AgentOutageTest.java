package io.nodedex.agent;

import static io.nodedex.agent.AgentKafkaTest.has;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.agent.TopicReader.Received;
import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.KernelSysfs;
import io.nodedex.testkit.TestDriverXml;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away while the host keeps changing, then comes back (same data, same port): the agent
 * keeps running with a bounded queue, and afterwards publishes fresh snapshots so the topic tells
 * the whole current truth although observations were dropped, and an indexer reading the topic
 * sees every device of the host as it is now.
 */
class AgentOutageTest {

    private static final String TOPIC = "outage";
    private static final EventTopics TOPICS = EventTopics.named(TOPIC);
    private static final int QUEUE = 4;

    @TempDir
    Path dir;
    private EmbeddedKafkaBroker kafka;
    private Agent agent;
    private LibvirtConnection operator;
    private String vhba;

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
        if (vhba != null) {
            LibvirtDevices.destroySettled(operator, vhba);
        }
        if (operator != null) {
            operator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void afterAnOutageEverySourcePublishesAFreshSnapshotAndTheIndexersViewIsComplete() throws Exception {
        int port = freePort();
        kafka = broker(port);
        TOPICS.events().createWith(kafka::createTopic);
        KernelSysfs sysfs = AgentKafkaTest.hostTree(dir.resolve("sys"));
        AgentConfig config = AgentKafkaTest.config(dir, kafka.bootstrapServers(), TOPIC)
                .withSysfs(Optional.of(new SysfsSourceSettings(dir.resolve("sys"), Duration.ofMillis(20), false)))
                .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(kafka.bootstrapServers()).withTopic(TOPIC)
                        .withDeliveryTimeout(Duration.ofSeconds(1)))
                .withQueueCapacity(QUEUE);
        agent = Agent.start(config);
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), TOPIC)) {
            reader.readUntil(has(Source.LIBVIRT, HostSnapshot.class, 1).and(has(Source.UDEV, HostSnapshot.class, 1)),
                    "the first snapshots");
        }

        kafka.close();
        operator = LibvirtConnection.open("test:///default");
        vhba = operator.createNodeDevice(TestDriverXml.vhbaRequest("scsi_host2", "2001001b32a9da90", "2101001b32a9da90"));
        int[] flips = {0};
        Poll.until(() -> {
            sysfs.fcHost(7, "port_state", ++flips[0] % 2 == 1 ? "Linkdown" : "Online"); // every rescan finds a change
            return agent.stats().dropped() > 0;
        }, "the queue overflowed");
        sysfs.remove(9).fcHost(7, "port_state", "Blocked").fcHost(7, "npiv_vports_inuse", "0");
        assertThat(agent.stats().dropped()).isPositive();
        assertThat(agent.stats().queued()).isLessThanOrEqualTo(QUEUE);

        kafka = broker(port);
        Poll.until(() -> agent.stats().resnapshots() >= 1 && agent.stats().queued() == 0, "the fresh snapshots are out");

        Map<String, Device> libvirtNow = SourceViews.byName(LibvirtDevices.read("test:///default"));
        Map<String, Device> sysfsNow = SourceViews.byName(SysfsTree.read(dir.resolve("sys")));
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), TOPIC)) {
            List<Received> records = reader.readUntil(
                    has(Source.LIBVIRT, HostSnapshot.class, 2).and(has(Source.UDEV, HostSnapshot.class, 2))
                            .and(r -> SourceViews.fold(AgentKafkaTest.events(r)).of(Source.UDEV).equals(sysfsNow)),
                    "fresh snapshots that tell the current truth");
            SourceViews views = SourceViews.fold(AgentKafkaTest.events(records));
            assertThat(views.of(Source.LIBVIRT)).isEqualTo(libvirtNow).containsKey(vhba);
            assertThat(views.of(Source.UDEV)).isEqualTo(sysfsNow).doesNotContainKey("scsi_host9");
            assertThat(views.of(Source.UDEV).get("scsi_host7").fcHost().orElseThrow().portState()).contains("Blocked");
        }
        List<Device> everything = Stream.concat(libvirtNow.values().stream(), sysfsNow.values().stream())
                .sorted(Comparator.comparing(Device::name, NaturalOrder.NAMES)).toList();
        TOPICS.deadLetters().createWith(kafka::createTopic);
        try (Indexer indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), dir.resolve("indexer"))
                .withTopics(TOPICS))) {
            Thread indexing = new Thread(indexer, "indexer");
            indexing.start();
            Poll.until(() -> indexer.reader().devices("hv042").equals(everything),
                    "the indexer's view of the host is complete: " + everything.size() + " devices");
        }
    }

    private EmbeddedKafkaBroker broker(int port) {
        return EmbeddedKafkaBroker.builder().dataDirectory(dir.resolve("kafka")).brokerPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
