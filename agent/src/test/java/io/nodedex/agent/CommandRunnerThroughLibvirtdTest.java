package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Source;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command runner through a private {@link Libvirtd}, as on a host whose agent talks to the
 * system's daemon: signed commands on a real broker, carried out over {@code test+unix://} by the
 * daemon's test driver, whose node devices are the daemon's own (not the JVM's
 * {@code test:///default}). A create makes the vHBA under its parent, a destroy removes it, and
 * each outcome, signed by the host, says so on the events topic. The runner opens a connection
 * per command; the daemon keeps the test driver's devices only while some connection is open, so
 * the test holds one, as the agent's libvirt source does.
 */
class CommandRunnerThroughLibvirtdTest {

    private static final String HOST = "hv043";
    private static final EventTopics TOPICS = EventTopics.named("commands-libvirtd.events");
    private static final SigningKey COMMAND_KEY = SigningKey.generate();
    private static final Wwn WWNN = Wwn.parse("5001a4a0000001ff");
    private static final Wwn WWPN = Wwn.parse("5001a4a000000101");

    @TempDir
    Path dir;
    private Libvirtd daemon;
    private EmbeddedKafkaBroker kafka;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Libvirtd.BINARY), "needs " + Libvirtd.BINARY);
        daemon = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")));
        kafka = EmbeddedKafkaBroker.start();
        TOPICS.createWith(kafka::createTopic);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aCreateAndADestroyAreCarriedOutThroughTheDaemonAndTheirOutcomesPublished() {
        String uri = daemon.testDriverUri();
        CommandRunnerConfig config = new CommandRunnerConfig(HOST, KafkaSettings.DEFAULT
                .withBootstrapServers(kafka.bootstrapServers()).withTopic(TOPICS.events().name()),
                TOPICS.commands().name(), COMMAND_KEY.publicKey(), dir.resolve("state"), VhbaExecutor.libvirt(uri));
        // held open as the agent's libvirt source holds its own: the daemon keeps test:///default's
        // state while a connection to it is open, and starts afresh after the last one closes
        try (LibvirtConnection held = LibvirtConnection.open(uri);
             CommandRunner runner = CommandRunner.start(config);
             TopicReader events = new TopicReader(kafka.bootstrapServers(), TOPICS.events().name())) {
            command(new VhbaCommand("daemon-create", VhbaCommand.Action.CREATE, "scsi_host1", Optional.of(WWNN),
                    Optional.of(WWPN), Instant.now().plusSeconds(60)));
            VhbaOutcome created = outcome(events, "daemon-create");

            assertThat(created.result()).as(created.message()).isEqualTo(VhbaOutcome.Result.DONE);
            String name = created.name().orElseThrow();
            assertThat(name).isEqualTo("scsi_host12"); // the test driver's one name for a new vHBA
            assertThat(created.message()).isEqualTo("created scsi_host12 under scsi_host1 with WWPN " + WWPN);
            Device vhba = LibvirtDevices.read(uri).stream().filter(device -> device.name().equals(name)).findFirst()
                    .orElseThrow();
            assertThat(vhba.isVhba()).isTrue();
            assertThat(vhba.parent()).contains("scsi_host1");
            assertThat(vhba.fcHost().orElseThrow().wwpn()).isEqualTo(WWPN);
            assertThat(vhba.fcHost().orElseThrow().wwnn()).isEqualTo(WWNN);
            assertThat(LibvirtDevices.read("test:///default")).as("the JVM's own test driver is untouched")
                    .noneMatch(device -> device.fcHost().map(fc -> fc.wwpn().equals(WWPN)).orElse(false));

            command(new VhbaCommand("daemon-destroy", VhbaCommand.Action.DESTROY, name, Optional.empty(),
                    Optional.empty(), Instant.now().plusSeconds(60)));
            VhbaOutcome destroyed = outcome(events, "daemon-destroy");

            assertThat(destroyed.result()).as(destroyed.message()).isEqualTo(VhbaOutcome.Result.DONE);
            assertThat(destroyed.name()).contains(name);
            assertThat(destroyed.message()).isEqualTo("destroyed " + name);
            assertThat(LibvirtDevices.read(uri)).extracting(Device::name).doesNotContain(name)
                    .contains("scsi_host1", "scsi_host2");
            assertThat(runner.carriedOut()).isEqualTo(2);
        }
    }

    /** The outcome the runner published for the request, signed by the host. */
    private static VhbaOutcome outcome(TopicReader events, String requestId) {
        List<TopicReader.Received> read = events.readUntil(records -> records.stream()
                .anyMatch(record -> isOutcomeOf(record, requestId)), "the outcome of " + requestId);
        TopicReader.Received record = read.stream().filter(each -> isOutcomeOf(each, requestId)).findFirst()
                .orElseThrow();
        assertThat(record.signer()).as("signed by the host's key").isPresent();
        assertThat(record.event().header().hostId()).isEqualTo(HOST);
        return (VhbaOutcome) record.event().payload();
    }

    private static boolean isOutcomeOf(TopicReader.Received record, String requestId) {
        return record.event().payload() instanceof VhbaOutcome outcome && outcome.requestId().equals(requestId);
    }

    /** A command as an API server publishes it: to the commands topic, in the host's partition, signed. */
    private void command(VhbaCommand command) {
        Event event = new Event(new EventHeader(HOST, System.nanoTime(), 0, Source.LIBVIRT, Instant.now()), command);
        byte[] key = EventKey.of(event);
        byte[] value = new EventCodec().encode(event);
        String topic = TOPICS.commands().name();
        int partition = EventKey.partition(HOST, producer.partitionsFor(topic).size());
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, key, value,
                    RecordSignatures.sign(COMMAND_KEY, key, value))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + command, e);
        }
    }
}
