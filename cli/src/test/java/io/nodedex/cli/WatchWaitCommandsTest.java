package io.nodedex.cli;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.api.QueryServerConfig;
import io.nodedex.api.Replica;
import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.CompactedRecords;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Events;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nodedex watch} and {@code nodedex wait} against a real server: a replica (real indexer,
 * real RocksDB) of a real broker, fed by a producer publishing as host hv01's agent would.
 */
class WatchWaitCommandsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventTopics TOPICS = EventTopics.named("watch.events");
    private static final long FABRIC = 0x2000_0000_4321_4321L;
    private static final long WWNN = 0x2001_0000_1234_1234L;
    private static final Device HBA = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, FABRIC);
    private static final Events HV01 = Events.of("hv01", Source.LIBVIRT);
    private static final CompactedRecords RECORDS = new CompactedRecords();

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker kafka;
    private static Replica replica;
    private static String server;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start();
        TOPICS.createWith(kafka::createTopic);
        publish(HV01.observedAt(Instant.now()).snapshot(HBA));
        replica = Replica.start(IndexerConfig.of(kafka.bootstrapServers(), data.resolve("db")).withTopics(TOPICS)
                        .withPollTimeout(Duration.ofMillis(100)),
                QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0)).withIoThreads(2));
        server = "http://127.0.0.1:" + replica.server().address().getPort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        ApiClient client = new ApiClient(URI.create(server));
        while (client.get(List.of("v1", "hosts", "hv01"), Map.of()).status() != 200) {
            assertThat(System.nanoTime()).as("the replica to index hv01").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        kafka.close();
    }

    /** Publishes {@code event} as hv01's agent would: under the key its record replaces. */
    private static synchronized void publish(Event event) {
        EventCodec codec = new EventCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            CompactedRecords.Plan plan = RECORDS.plan(event);
            for (CompactedRecords.Keyed keyed : plan.records()) {
                producer.send(new ProducerRecord<>(TOPICS.events().name(),
                        EventKey.partition(event.header().hostId(), TOPICS.events().partitions()), keyed.key(),
                        keyed.event().map(codec::encode).orElse(null))).get();
            }
            plan.commit();
        } catch (Exception e) {
            throw new AssertionError("cannot publish " + event, e);
        }
    }

    @Test
    void waitReturnsOnceTheHostHoldsTheWwpnThenOnceItIsGone() throws Exception {
        long wwpn = 0x1001_0000_0000_0001L;
        CompletableFuture<CommandRun> waiting = CompletableFuture.supplyAsync(() -> CommandRun.of("wait",
                "--server", server, "--host", "hv01", "--wwpn", "0X" + Long.toHexString(wwpn).toUpperCase(),
                "--timeout", "60s"));
        Thread.sleep(500);
        assertThat(waiting).isNotDone();

        publish(HV01.observedAt(Instant.now()).upsert(vhba("scsi_host9", "scsi_host1", WWNN, wwpn, FABRIC)));

        CommandRun seen = waiting.get(60, TimeUnit.SECONDS);
        assertThat(seen.exitCode()).as(seen.err()).isZero();
        assertThat(seen.out()).isEqualTo("hv01 holds 0X1001000000000001 (scsi_host9)\n");

        CompletableFuture<CommandRun> going = CompletableFuture.supplyAsync(() -> CommandRun.of("wait",
                "--server", server, "--host", "hv01", "--wwpn", Long.toHexString(wwpn), "--gone"));
        publish(HV01.observedAt(Instant.now()).remove("scsi_host9"));
        CommandRun gone = going.get(60, TimeUnit.SECONDS);
        assertThat(gone.exitCode()).as(gone.err()).isZero();
        assertThat(gone.out()).isEqualTo("hv01 no longer holds 1001000000000001\n");
    }

    @Test
    void waitForWhatNeverComesTimesOutWithExitCode7() {
        CommandRun run = CommandRun.of("wait", "--server", server, "--host", "hv01", "--wwpn", "0x10010000000000ff",
                "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(run.err()).isEqualTo("nodedex: timed out after 2 s: hv01 does not hold 0x10010000000000ff\n");
    }

    @Test
    void watchPrintsEachChangeAsAJsonLineAndResumesFromAPrintedCursor() throws IOException {
        CommandRun now = CommandRun.of("watch", "--server", server, "--host", "hv01", "--count", "0");
        assertThat(now.exitCode()).as(now.err()).isZero();
        String cursor = now.err().lines().filter(line -> line.startsWith("nodedex: watching from "))
                .findFirst().orElseThrow().substring("nodedex: watching from ".length());

        publish(HV01.observedAt(Instant.now()).upsert(vhba("scsi_host10", "scsi_host1", WWNN, 0x1001_0000_0000_000aL,
                FABRIC)));
        publish(HV01.observedAt(Instant.now()).remove("scsi_host10"));
        CommandRun watched = CommandRun.of("watch", "--server", server, "--host", "hv01", "--since", cursor,
                "--count", "2");

        assertThat(watched.exitCode()).as(watched.err()).isZero();
        List<String> lines = watched.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode added = MAPPER.readTree(lines.get(0));
        JsonNode removed = MAPPER.readTree(lines.get(1));
        assertThat(List.of(added.path("name").asText(), added.path("change").asText(), removed.path("change").asText()))
                .containsExactly("scsi_host10", "added", "removed");
        CommandRun resumed = CommandRun.of("watch", "--server", server, "--host", "hv01", "--since",
                added.path("cursor").asText(), "--count", "1");
        assertThat(MAPPER.readTree(resumed.out().strip()).path("change").asText()).isEqualTo("removed");
    }

    @Test
    void aCursorThatIsNoCursorIsBadInput() {
        CommandRun run = CommandRun.of("watch", "--server", server, "--since", "nonsense", "--count", "1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'nonsense' is not a cursor of the change feed");
    }
}
