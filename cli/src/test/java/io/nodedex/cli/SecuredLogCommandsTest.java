package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.event.kafka.CompactedRecords;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.kafka.embedded.KafkaSecurity;
import io.nodedex.testkit.Devices;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nodedex topics} and {@code nodedex host retire} against a broker whose clients must come
 * over TLS and log in with SCRAM-SHA-512: with {@code --kafka-config} (here also naming the cluster)
 * they do their work; with a wrong password the broker refuses them (exit 5).
 */
class SecuredLogCommandsTest {

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().security(KafkaSecurity.saslSsl(Map.of("operator", "0perat0r"))).start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void topicsAndHostRetireWorkThroughTheConfigFilesLogin() throws Exception {
        Path config = configFile("operator", "0perat0r", "bootstrap.servers=" + kafka.bootstrapServers());

        CommandRun topics = CommandRun.of("topics", "--kafka-config", config.toString(), "--topic", "secured");
        publishSnapshot("secured", "hv07");
        CommandRun retire = CommandRun.of("host", "retire", "hv07", "--kafka-config", config.toString(),
                "--topic", "secured");

        assertThat(topics.exitCode()).as(topics.err()).isZero();
        assertThat(topics.out()).isEqualTo("topics ready: secured (3 partitions, compacted), secured.dlq\n");
        assertThat(retire.exitCode()).as(retire.err()).isZero();
        assertThat(retire.out()).startsWith("retired host hv07: 1 keys tombstoned");
    }

    @Test
    void withAWrongPasswordTheBrokerRefusesTheCommand() throws IOException {
        Path wrong = configFile("operator", "guess", "default.api.timeout.ms=5000\nrequest.timeout.ms=2000");

        CommandRun refused = CommandRun.of("topics", "--bootstrap-servers", kafka.bootstrapServers(),
                "--kafka-config", wrong.toString(), "--topic", "refused");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(refused.err()).contains("Authentication failed");
    }

    /** A client config file for this broker, logging in as {@code user}, with {@code more} lines. */
    private Path configFile(String user, String password, String more) throws IOException {
        Properties properties = new Properties();
        properties.putAll(kafka.clientProperties(user, password));
        Path file = dir.resolve(user + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        Files.writeString(file, more + "\n", StandardOpenOption.APPEND);
        return file;
    }

    /** A libvirt snapshot of {@code host}, as its agent publishes it, over the secured listener. */
    private static void publishSnapshot(String topic, String host) throws Exception {
        CompactedRecords records = new CompactedRecords();
        Event snapshot = new Event(new EventHeader(host, 1, 0, Source.LIBVIRT, Instant.EPOCH),
                new HostSnapshot(List.of(Devices.pci("pci_0000_05_00_0"))));
        CompactedRecords.Plan plan = records.plan(snapshot);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaAccess(kafka.bootstrapServers(),
                new ClientProperties(kafka.clientProperties("operator", "0perat0r")))
                .producer("test-publisher")) {
            for (CompactedRecords.Keyed keyed : plan.records()) {
                producer.send(new ProducerRecord<>(topic, EventKey.partition(host, 3), keyed.key(),
                        keyed.event().map(new EventCodec()::encode).orElse(null))).get();
            }
        }
    }
}
