package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaRequested;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.indexer.VhbaRequestState;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's side of "Decisions are events", through a real broker, the real indexer and libvirt's
 * {@code test:///default} (shared by every connection of the JVM, so the agent's libvirt source sees
 * what the runner creates there): this test plays the API server, publishing requests and signed
 * commands. A command creates the vHBA through libvirt, and destroys it; a forged command is
 * refused and creates nothing; a command carried out before the agent could report is reported
 * after its restart, without a second vHBA.
 */
class CommandRunnerTest {

    private static final String HOST = "hv042";
    private static final EventTopics TOPICS = EventTopics.named("commands-test.events");
    private static final SigningKey COMMAND_KEY = SigningKey.generate();
    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker kafka;
    private static Agent agent;
    private static Indexer indexer;
    private static Thread indexing;
    private static KafkaProducer<byte[], byte[]> producer;
    private static AgentConfig config;
    private static long sent;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start();
        TOPICS.createWith(kafka::createTopic);
        config = AgentKafkaTest.config(dir.resolve("agent"), kafka.bootstrapServers(), TOPICS.events().name())
                .withSysfs(Optional.empty());
        agent = Agent.start(config);
        indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), dir.resolve("indexer")).withTopics(TOPICS));
        indexing = new Thread(indexer, "indexer");
        indexing.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        Poll.until(() -> indexer.reader().device(HOST, "scsi_host1").isPresent(), "the indexer holds the host");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        producer.close();
        agent.close();
        indexer.close();
        indexing.join();
        kafka.close();
    }

    @Test
    void aSignedCommandCreatesTheVhbaThroughLibvirtUnderTheParentAndAnotherDestroysIt() {
        Wwn wwpn = Wwn.parse("5001a4a000000001");
        try (CommandRunner runner = CommandRunner.start(runnerConfig("runner-1"))) {
            request(new VhbaRequested("create-1", Criteria.byName("scsi_host1"), ParentPolicy.LOWEST_WWPN,
                    Optional.of(Wwn.parse("5001a4a0000000ff")), Optional.of(wwpn)));
            awaitState("create-1", VhbaRequestState.State.RESERVED);
            command(COMMAND_KEY, new VhbaCommand("create-1", VhbaCommand.Action.CREATE, "scsi_host1",
                    Optional.of(Wwn.parse("5001a4a0000000ff")), Optional.of(wwpn), Instant.now().plusSeconds(60)));
            awaitState("create-1", VhbaRequestState.State.CREATED);
            Poll.until(() -> vhbaWith(wwpn).isPresent(), "the vHBA is indexed");

            Device created = vhbaWith(wwpn).orElseThrow();
            assertThat(created.name()).isEqualTo("scsi_host12"); // the test driver's one name for a new vHBA
            assertThat(created.parent()).contains("scsi_host1");
            assertThat(indexer.vhbaRequests().byId("create-1", HOST).orElseThrow().name()).contains("scsi_host12");

            request(new VhbaDeleteRequested("delete-1", "scsi_host12"));
            awaitState("delete-1", VhbaRequestState.State.DELETING);
            command(COMMAND_KEY, new VhbaCommand("delete-1", VhbaCommand.Action.DESTROY, "scsi_host12",
                    Optional.empty(), Optional.empty(), Instant.now().plusSeconds(60)));
            awaitState("delete-1", VhbaRequestState.State.DELETED);
            Poll.until(() -> indexer.reader().device(HOST, "scsi_host12").isEmpty(), "the vHBA is gone");
            Poll.until(() -> runner.carriedOut() == 2, "both commands counted");
        }
    }

    @Test
    void aForgedCommandIsRefusedAndReportedAndCreatesNothing() {
        Wwn wwpn = Wwn.parse("5001a4a000000002");
        try (CommandRunner runner = CommandRunner.start(runnerConfig("runner-2"))) {
            request(new VhbaRequested("forged-1", Criteria.byName("scsi_host1"), ParentPolicy.LOWEST_WWPN,
                    Optional.empty(), Optional.of(wwpn)));
            awaitState("forged-1", VhbaRequestState.State.RESERVED);
            command(SigningKey.generate(), new VhbaCommand("forged-1", VhbaCommand.Action.CREATE, "scsi_host1",
                    Optional.of(Wwn.parse("5001a4a0000000ff")), Optional.of(wwpn), Instant.now().plusSeconds(60)));

            Poll.until(() -> runner.refused() == 1, "the forged command is refused");
            assertThat(runner.carriedOut()).isZero();
            assertThat(LibvirtDevices.read("test:///default")).noneMatch(device -> device.fcHost()
                    .map(fc -> fc.wwpn().equals(wwpn)).orElse(false));
            assertThat(indexer.vhbaRequests().byId("forged-1", HOST).orElseThrow().state())
                    .as("a refusal report does not fail the real request").isEqualTo(VhbaRequestState.State.RESERVED);
        }
    }

    @Test
    void aCommandCarriedOutBeforeTheAgentCouldReportIsReportedAfterItsRestartWithoutASecondVhba() throws Exception {
        Wwn wwpn = Wwn.parse("5001a4a000000003");
        Wwn wwnn = Wwn.parse("5001a4a0000000fe");
        request(new VhbaRequested("restart-1", Criteria.byName("scsi_host1"), ParentPolicy.LOWEST_WWPN,
                Optional.of(wwnn), Optional.of(wwpn)));
        awaitState("restart-1", VhbaRequestState.State.RESERVED);
        long offset = command(COMMAND_KEY, new VhbaCommand("restart-1", VhbaCommand.Action.CREATE, "scsi_host1",
                Optional.of(wwnn), Optional.of(wwpn), Instant.now().plusSeconds(60)));
        // the agent had read up to this command, carried it out, and was killed before it reported
        java.nio.file.Files.createDirectories(dir.resolve("runner-3"));
        java.nio.file.Files.writeString(dir.resolve("runner-3").resolve(CommandRunner.POSITION_FILE), Long.toString(offset));
        VhbaExecutor.Result first = VhbaExecutor.libvirt("test:///default").create("scsi_host1", wwnn, wwpn);
        assertThat(first.done()).as(first.message()).isTrue();

        try (CommandRunner restarted = CommandRunner.start(runnerConfig("runner-3"))) {
            awaitState("restart-1", VhbaRequestState.State.CREATED);
            Poll.until(() -> restarted.carriedOut() == 1, "the restarted runner counts the command once");
            assertThat(LibvirtDevices.read("test:///default")).filteredOn(device -> device.fcHost()
                    .map(fc -> fc.wwpn().equals(wwpn)).orElse(false)).hasSize(1);
        } finally {
            VhbaExecutor.libvirt("test:///default").destroy(first.name().orElseThrow());
        }
    }

    private static CommandRunnerConfig runnerConfig(String state) {
        return new CommandRunnerConfig(HOST, config.kafka(), TOPICS.commands().name(), COMMAND_KEY.publicKey(),
                dir.resolve(state), VhbaExecutor.libvirt("test:///default"));
    }

    private static Optional<Device> vhbaWith(Wwn wwpn) {
        return indexer.reader().devices(HOST).stream().filter(Device::isVhba)
                .filter(device -> device.fcHost().map(fc -> fc.wwpn().equals(wwpn)).orElse(false)).findFirst();
    }

    private static void awaitState(String requestId, VhbaRequestState.State state) {
        Poll.until(() -> indexer.vhbaRequests().byId(requestId, HOST).map(VhbaRequestState::state)
                .equals(Optional.of(state)), "request " + requestId + " " + state);
    }

    /** What an API server publishes to the events topic (this replica checks no signatures). */
    private static void request(Payload payload) {
        send(TOPICS.events().name(), Optional.empty(), payload);
    }

    private static long command(SigningKey key, VhbaCommand command) {
        return send(TOPICS.commands().name(), Optional.of(key), command);
    }

    private static long send(String topic, Optional<SigningKey> key, Payload payload) {
        Event event = new Event(new EventHeader(HOST, System.currentTimeMillis() + sent++, 0, Source.LIBVIRT,
                Instant.now()), payload);
        byte[] recordKey = EventKey.of(event);
        byte[] value = CODEC.encode(event);
        int partition = EventKey.partition(HOST, producer.partitionsFor(topic).size());
        try {
            return producer.send(key.map(signer -> new ProducerRecord<>(topic, partition, null, recordKey, value,
                    RecordSignatures.sign(signer, recordKey, value)))
                    .orElseGet(() -> new ProducerRecord<>(topic, partition, recordKey, value))).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
