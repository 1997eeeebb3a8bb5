package io.nodedex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.agent.Agent;
import io.nodedex.agent.AgentConfig;
import io.nodedex.agent.KafkaSettings;
import io.nodedex.agent.LibvirtSourceSettings;
import io.nodedex.device.Device;
import io.nodedex.device.xml.TestDriverHostFile;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.TopicSetup;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.testkit.fleet.FleetFiles;
import io.nodedex.testkit.fleet.FleetGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * nodedex's parts in this process against a broker of Apache Kafka's own image (the one
 * docker/compose.yaml runs): the topics as {@code nodedex topics} makes them, an agent publishing
 * a simulated host, an indexer replica folding the log. Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class ApacheKafkaTest {

    private static final String HOST = "hv01";
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);

    @Container
    static final KafkaContainer KAFKA =
            new KafkaContainer(DockerImageName.parse(System.getProperty("nodedex.kafka.image", "apache/kafka:latest")));

    @TempDir
    Path dir;

    @Test
    void aHostsDevicesPublishedByItsAgentArriveInTheIndex() throws InterruptedException {
        FleetFiles files = FleetFiles.write(FleetGenerator.generate(1, 2), dir.resolve("fleet"));
        List<String> hostFile = TestDriverHostFile.read(files.hostFile(HOST)).stream().map(Device::name).toList();
        String bootstrap = KAFKA.getBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicSetup(admin).ensure(EventTopics.DEFAULT);
        }

        Agent agent = Agent.start(AgentConfig.defaults(HOST)
                .withLibvirt(Optional.of(LibvirtSourceSettings.of(files.libvirtUri(HOST))))
                .withSysfs(Optional.empty())
                .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(bootstrap))
                .withStateDirectory(dir.resolve("agent")));
        Indexer indexer = Indexer.open(IndexerConfig.of(bootstrap, dir.resolve("index")));
        Thread indexing = new Thread(indexer, "indexer");
        indexing.start();
        try {
            long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
            List<String> indexed = List.of();
            while (System.nanoTime() < deadline) {
                indexed = indexer.reader().devices(HOST).stream().map(Device::name).toList();
                if (Set.copyOf(indexed).equals(Set.copyOf(hostFile))) {
                    break;
                }
                Thread.sleep(100);
            }

            assertThat(hostFile).isNotEmpty();
            assertThat(indexed).as("the devices of %s in the index", HOST).containsExactlyInAnyOrderElementsOf(hostFile);
        } finally {
            agent.close();
            indexer.close();
            indexing.join();
        }
    }
}
