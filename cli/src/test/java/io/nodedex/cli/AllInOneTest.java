package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.testkit.TestCertificates;
import io.nodedex.testkit.fleet.Fleet;
import io.nodedex.testkit.fleet.FleetFiles;
import io.nodedex.testkit.fleet.FleetGenerator;
import io.nodedex.testkit.fleet.Showcase;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.DeadLetterHeaders;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.event.kafka.ClientProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nodedex all-in-one} end to end: a real broker, real agents on the generated host files
 * and sysfs trees, the real indexer and API; stopped and started again on the same data.
 */
@ExtendWith(SharedAllInOne.class)
class AllInOneTest {

    private static final long SEED = SharedAllInOne.SEED;
    private static final long DEADLINE_MILLIS = 60_000;

    @TempDir
    Path dir;

    private static SharedAllInOne.Running running;
    private static ApiClient api;

    @BeforeAll
    static void connect(SharedAllInOne.Running shared) {
        running = shared;
        api = new ApiClient(shared.stack().url());
    }

    @Test
    void reportsEachStageWhileStarting() {
        assertThat(running.stages()).hasSize(6);
        assertThat(running.stages().get(0)).startsWith("broker up at 127.0.0.1:");
        assertThat(running.stages().get(1)).startsWith("topics nodedex.events (3 partitions) and nodedex.events.dlq");
        assertThat(running.stages().get(2)).startsWith("fleet generated: 4 hosts (seed 5)");
        assertThat(running.stages().get(3)).startsWith("4 hosts' keys enrolled (signed by SHA256:")
                .endsWith("); the replica applies only records their keys signed");
        assertThat(running.stages().get(4)).startsWith("4 agents snapshotted");
        assertThat(running.stages().get(5)).startsWith("indexer caught up: 4 hosts")
                .endsWith(running.stack().url().toString());
    }

    @Test
    void servesEveryHostSortedById() {
        assertThat(hostIds(api)).containsExactly("hv01", "hv02", "hv03", "hv04");
    }

    @Test
    void theAuditFindsWhatTheGeneratorPlanted() {
        Showcase show = running.stack().fleet().showcase();

        JsonNode audit = get(api, "v1", "audit").body();

        List<String> users = running.stack().fleet().hosts().stream().flatMap(host -> host.vhbas().stream()
                .filter(vhba -> vhba.wwpn().equals(show.duplicateWwpn())).map(vhba -> host.id() + "/" + vhba.name()))
                .toList();
        assertThat(users).hasSize(2);
        assertThat(audit.path("findings")).hasSize(2);
        assertThat(audit.at("/findings/0/kind").asText()).isEqualTo("duplicate_wwpn");
        assertThat(audit.at("/findings/0/message").asText())
                .isEqualTo("WWPN " + show.duplicateWwpn() + " is used by 2 fc_hosts: " + String.join(", ", users));
        assertThat(audit.at("/findings/1/kind").asText()).isEqualTo("vport_count_mismatch");
        assertThat(audit.at("/findings/1/message").asText())
                .startsWith("parent " + show.miscountedParent() + " reports ");
    }

    /**
     * The fleet of seed 5 as its files say, read by hand once: three fabrics, F0 ({@value #F0}),
     * F1 ({@value #F1}) and F2 ({@value #F2}). Physical ports (WWPN, cabled fabric, port state,
     * vports in use of max) and vHBAs per host:
     * <pre>
     * hv01 scsi_host1 10000090fa6a8c84 F0 Linkdown 0/255   scsi_host2 10000090fa6a8c85 F1 Online 8/8 (full)
     *      scsi_host3 10000090fa92dfc4 F0 Online   2/255   scsi_host4 10000090fa92dfc5 F0 Online 0/255
     *      vHBAs scsi_host5..scsi_host12 under scsi_host2, scsi_host13 and scsi_host14 under scsi_host3
     * hv02 scsi_host1 10000090fa1005f0 F2 Online   1/255   scsi_host2 10000090fa1005f1 F0 Linkdown 0/255
     * hv03 scsi_host1 10000090fa124f98 F2 Online   2/255   scsi_host2 10000090fa124f99 F1 Online 0/255
     *      scsi_host3 10000090fa56ea9e F2 Linkdown 0/255   vHBAs scsi_host4, scsi_host5 under scsi_host1
     * hv04 scsi_host1 10000090faabbac8 F2 Online   1/255   scsi_host2 10000090faabbac9 F1 Linkdown 0/255
     *      scsi_host3 10000090fac31526 F2 Online   2/255   vHBAs scsi_host4, scsi_host5 under scsi_host3,
     *      scsi_host6 under scsi_host1
     * </pre>
     * The parents below follow from the rules of docs/design.md, "NPIV parent resolution"
     * (lowest-wwpn: the lowest WWPN; most-free: the most free vports; a Linkdown or full port never).
     */
    private static final String F0 = "100000051ebb0359";
    private static final String F1 = "10000027f82d35cb";
    private static final String F2 = "2001000dec16981a";
    private static final String ANY = "";
    private static final String NONE = "";

    /** What one host and criterion must give: the parent each policy chooses; {@link #NONE} is 404. */
    private record Expected(String host, String fabric, String lowestWwpn, String mostFree) {
    }

    private static final List<Expected> PARENTS = List.of(
            new Expected("hv01", ANY, "scsi_host3", "scsi_host4"),
            new Expected("hv01", F0, "scsi_host3", "scsi_host4"),
            new Expected("hv01", F1, NONE, NONE), // its only port there is full
            new Expected("hv01", F2, NONE, NONE), // no port there
            new Expected("hv02", ANY, "scsi_host1", "scsi_host1"),
            new Expected("hv02", F0, NONE, NONE), // Linkdown
            new Expected("hv02", F1, NONE, NONE),
            new Expected("hv02", F2, "scsi_host1", "scsi_host1"),
            new Expected("hv03", ANY, "scsi_host1", "scsi_host2"),
            new Expected("hv03", F0, NONE, NONE),
            new Expected("hv03", F1, "scsi_host2", "scsi_host2"),
            new Expected("hv03", F2, "scsi_host1", "scsi_host1"), // scsi_host3 is Linkdown
            new Expected("hv04", ANY, "scsi_host1", "scsi_host1"),
            new Expected("hv04", F0, NONE, NONE),
            new Expected("hv04", F1, NONE, NONE), // Linkdown
            new Expected("hv04", F2, "scsi_host1", "scsi_host1"));

    @Test
    void theSeededFleetHasTheFabricsItsFilesName() {
        assertThat(running.stack().fleet().fabrics()).extracting(Wwn::toString).containsExactly(F0, F1, F2);
    }

    @Test
    void everyHostAndFabricGetsTheParentItsFilesCallFor() {
        for (Expected expected : PARENTS) {
            for (String policy : List.of("lowest-wwpn", "most-free")) {
                String parent = policy.equals("lowest-wwpn") ? expected.lowestWwpn() : expected.mostFree();
                Map<String, String> query = new LinkedHashMap<>();
                query.put("host", expected.host());
                if (!expected.fabric().equals(ANY)) {
                    query.put("parentFabricWwn", expected.fabric());
                }
                query.put("policy", policy);

                ApiClient.Answer answer = api.get(List.of("v1", "npiv", "parent"), query);

                assertThat(answer.status()).as("%s", query).isEqualTo(parent.equals(NONE) ? 404 : 200);
                assertThat(answer.body().path("host").asText()).as("%s", query).isEqualTo(expected.host());
                assertThat(answer.body().path("criteria").asText()).as("%s", query)
                        .isEqualTo(expected.fabric().equals(ANY) ? "any" : "fabric_wwn");
                assertThat(answer.body().path("policy").asText()).as("%s", query).isEqualTo(policy);
                assertThat(answer.body().path("parent").path("name").asText(NONE)).as("%s", query).isEqualTo(parent);
                for (JsonNode candidate : answer.body().path("candidates")) {
                    assertThat(candidate.path("accepted").asBoolean()).as("%s %s", query, candidate)
                            .isEqualTo(candidate.path("reason").asText().startsWith("vport capable, Online, "));
                }
            }
        }
    }

    @Test
    void theShowcaseHostsFabricHasALinkdownPortAndTwoUsableOnes() {
        JsonNode answer = get(api, Map.of("host", "hv01", "parentFabricWwn", F0), "v1", "npiv", "parent").body();

        assertThat(answer.path("parent")).isEqualTo(json("""
                {"name": "scsi_host3", "wwnn": "20000090fa92dfc4", "wwpn": "10000090fa92dfc4",
                 "fabricWwn": "100000051ebb0359", "maxVports": 255, "vports": 2, "freeVports": 253}"""));
        assertThat(candidates(answer)).containsExactly(
                "scsi_host3 accepted: vport capable, Online, 253 of 255 vports free",
                "scsi_host4 accepted: vport capable, Online, 255 of 255 vports free",
                "scsi_host1 rejected: port state Linkdown, not Online",
                "scsi_host2 rejected: fabric 10000027f82d35cb is not the requested fabric 100000051ebb0359",
                "scsi_host5 rejected: vHBA: no vport_ops", "scsi_host6 rejected: vHBA: no vport_ops",
                "scsi_host7 rejected: vHBA: no vport_ops", "scsi_host8 rejected: vHBA: no vport_ops",
                "scsi_host9 rejected: vHBA: no vport_ops", "scsi_host10 rejected: vHBA: no vport_ops",
                "scsi_host11 rejected: vHBA: no vport_ops", "scsi_host12 rejected: vHBA: no vport_ops",
                "scsi_host13 rejected: vHBA: no vport_ops", "scsi_host14 rejected: vHBA: no vport_ops");
        assertThat(answer.path("message").asText())
                .isEqualTo("chose scsi_host3 on host hv01 by lowest-wwpn from 2 accepted of 14 candidates");
    }

    @Test
    void theShowcaseHostsFullFabricHasNoParentAndSaysWhy() {
        ApiClient.Answer answer = api.get(List.of("v1", "npiv", "parent"),
                Map.of("host", "hv01", "parentFabricWwn", F1, "policy", "most-free"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("parent").isNull()).isTrue();
        assertThat(candidates(answer.body())).startsWith(
                "scsi_host1 rejected: fabric 100000051ebb0359 is not the requested fabric 10000027f82d35cb",
                "scsi_host2 rejected: full: 8 of 8 vports in use",
                "scsi_host3 rejected: fabric 100000051ebb0359 is not the requested fabric 10000027f82d35cb",
                "scsi_host4 rejected: fabric 100000051ebb0359 is not the requested fabric 10000027f82d35cb",
                "scsi_host5 rejected: vHBA: no vport_ops").hasSize(14);
    }

    @Test
    void theShowcaseRecordsWhatTheFilesSay() {
        Showcase show = running.stack().fleet().showcase();

        assertThat(show.host()).isEqualTo("hv01");
        assertThat(show.fabric()).hasToString(F0);
        assertThat(show.lowestWwpnParent()).isEqualTo("scsi_host3");
        assertThat(show.mostFreeParent()).isEqualTo("scsi_host4");
        assertThat(show.fullFabric()).hasToString(F1);
        assertThat(show.duplicateWwpn()).hasToString("5001a4a6a05ae2cf");
        assertThat(show.duplicateHosts()).containsExactly("hv01", "hv04");
        assertThat(show.miscountedParent()).isEqualTo("hv02/scsi_host1");
    }

    @Test
    void theApiMergesLibvirtWithSysfsSoItSeesWhatTheHostFileAloneCannot() {
        Showcase show = running.stack().fleet().showcase();
        Map<String, String> byFabric = Map.of("host", show.host(), "parentFabricWwn", show.fabric().toString());
        String hostFile = running.stack().files().hostFile(show.host()).toString();

        CommandRun libvirtAlone = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile, "--host-id",
                show.host(), "--parent-fabric-wwn", show.fabric().toString());

        assertThat(libvirtAlone.json().at("/parent/name").asText()).as("the Linkdown port: libvirt has no port state")
                .isEqualTo(lowestWwpnOnFabric(running.stack().fleet(), show));
        assertThat(api.get(List.of("v1", "npiv", "parent"), byFabric).body().at("/parent/name").asText())
                .isEqualTo(show.lowestWwpnParent());
    }

    @Test
    void everyExampleTheBannerPrintsWorksAsItsCommentSays() throws Exception {
        AllInOne stack = running.stack();
        String banner = AllInOneBanner.text(stack.url(), stack.fleet(), stack.files(), running.data(),
                Optional.empty());
        List<String> lines = banner.lines().map(String::strip).toList();
        HttpClient http = HttpClient.newHttpClient();
        int checked = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String comment = lines.get(i - 1);
            if (line.startsWith("./nodedex ")) {
                String[] args = (line.substring("./nodedex ".length()) + " --server " + stack.url()).split(" ");
                Matcher promised = Pattern.compile("exit code (\\d)").matcher(comment);
                int expected = promised.find() ? Integer.parseInt(promised.group(1)) : ExitCodes.OK;
                CommandRun run = CommandRun.of(args);
                assertThat(run.exitCode()).as("%s\n%s%s", line, run.out(), run.err()).isEqualTo(expected);
                checked++;
            } else if (line.startsWith("curl ")) {
                URI uri = URI.create(line.substring("curl ".length()).replace("'", ""));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("%s: %s", line, response.body()).isEqualTo(200);
                checked++;
            } else if (line.startsWith("echo Linkdown > ")) {
                assertThat(Path.of(line.substring("echo Linkdown > ".length()))).content().isEqualTo("Online\n");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(12);
        assertThat(banner).contains("export NODEDEX_SERVER=" + stack.url()); // not the default port
    }

    @Test
    void theHostsAreFilesEditsReachTheApiAndSurviveARestart() throws IOException {
        AllInOne.Settings settings = plain(dir.resolve("data"), 0, 2);
        Showcase show;
        Map<String, String> byFabric;
        try (AllInOne stack = AllInOne.open(settings)) {
            stack.start(stage -> { });
            show = stack.fleet().showcase();
            byFabric = Map.of("host", show.host(), "parentFabricWwn", show.fabric().toString());
            String port = "host" + show.lowestWwpnParent().substring("scsi_host".length());

            Files.writeString(stack.files().sysfsRoot(show.host()).resolve("class/fc_host").resolve(port)
                    .resolve("port_state"), "Linkdown\n");

            assertThat(awaitParent(new ApiClient(stack.url()), byFabric, show.mostFreeParent()))
                    .isEqualTo(show.mostFreeParent());
        }
        List<String> stages = new ArrayList<>();
        try (AllInOne again = AllInOne.open(settings)) {
            again.start(stages::add);

            assertThat(stages.get(2)).startsWith("fleet reused: 2 hosts (seed 5)");
            assertThat(new ApiClient(again.url()).get(List.of("v1", "npiv", "parent"), byFabric).body()
                    .at("/parent/name").asText()).isEqualTo(show.mostFreeParent());
        }
    }

    @Test
    void theKafkaConfigReachesTheStacksOwnProducersAndConsumers() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"),
                "interceptor.classes=" + CountingInterceptor.class.getName() + "\nrequest.timeout.ms=20000\n");
        long sentBefore = CountingInterceptor.SENT.get();
        long consumedBefore = CountingInterceptor.CONSUMED.get();

        try (AllInOne stack = AllInOne.open(new AllInOne.Settings(dir.resolve("data"), 0, 2, SEED,
                ClientProperties.load(file), Optional.empty(), Optional.empty()))) {
            stack.start(stage -> { });

            assertThat(new ApiClient(stack.url()).get(List.of("v1", "hosts"), Map.of()).body().path("hosts")).hasSize(2);
        }
        assertThat(CountingInterceptor.SENT.get() - sentBefore).as("records the agents sent").isGreaterThanOrEqualTo(4);
        assertThat(CountingInterceptor.CONSUMED.get() - consumedBefore).as("records the replica consumed")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void withACertificateTheApiIsServedOverHttpsOnlyAndTheBannerSaysHowToTrustIt() {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), TestCertificates.KeyType.RSA);
        Optional<Path> certificate = Optional.of(certificates.certificate());
        AllInOne.Settings settings = new AllInOne.Settings(dir.resolve("data"), 0, 2, SEED, ClientProperties.NONE,
                certificate, Optional.of(certificates.privateKey()));
        try (AllInOne stack = AllInOne.open(settings)) {
            stack.start(stage -> { });
            String banner = AllInOneBanner.text(stack.url(), stack.fleet(), stack.files(), stack.data(), certificate);

            assertThat(stack.url().getScheme()).isEqualTo("https");
            assertThat(banner).contains("give curl --cacert " + certificate.get() + " and the CLI --ca-cert "
                    + certificate.get());
            CommandRun hosts = CommandRun.of("hosts", "--server", stack.url().toString(), "--ca-cert",
                    certificate.get().toString());
            assertThat(hosts.exitCode()).as(hosts.err()).isZero();
            assertThat(hosts.out().lines().toList()).hasSize(3); // the header and 2 hosts
            CommandRun plain = CommandRun.of("hosts", "--server", stack.url().toString().replace("https", "http"));
            assertThat(plain.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        }
    }

    @Test
    void aDataDirectoryWhoseIndexAnEarlierReleaseWroteIsRefusedSayingWhatToDo() throws Exception {
        Path data = dir.resolve("earlier");
        Files.createDirectories(data.resolve("index"));
        Files.createFile(data.resolve(AllInOneData.LOCK_FILE)); // an all-in-one's data directory
        try (org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true);
                org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, data.resolve("index").toString())) {
            db.put("layout".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8));
        }

        try (AllInOne stack = AllInOne.open(plain(data, 0, 2))) {
            assertThatThrownBy(() -> stack.start(stage -> { })).isInstanceOf(InvalidInputException.class)
                    .hasMessage(data.toAbsolutePath().normalize() + " holds an index an earlier release of nodedex"
                            + " wrote, which this release does not read: delete it (rm -r "
                            + data.toAbsolutePath().normalize() + ") or start with another --data");
        }
    }

    @Test
    void aDataDirectoryServesOneAllInOneAtATime() throws IOException {
        AllInOne.Settings settings = plain(dir.resolve("data"), 0, 2);
        AllInOne first = AllInOne.open(settings);
        try {
            assertThatThrownBy(() -> AllInOne.open(settings)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("in use by another nodedex all-in-one");
        } finally {
            first.close();
        }
        Files.createDirectories(dir.resolve("data/fleet"));
        FleetFiles.write(FleetGenerator.generate(SEED, 2), dir.resolve("data/fleet"));

        assertThatThrownBy(() -> AllInOne.open(plain(dir.resolve("data"), 0, 3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds a fleet of 2 hosts from seed 5, not 3 from seed 5");
        AllInOne.open(settings).close(); // the failed opens left it unlocked
    }

    @Test
    void aDirectoryWithOtherFilesIsNeverTakenOver() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("mine")).resolve("thesis.tex"), "\\begin{document}");

        assertThatThrownBy(() -> AllInOne.open(plain(dir.resolve("mine"), 0, 2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not empty and was not made by");
        assertThat(dir.resolve("mine")).isDirectoryContaining(path -> path.endsWith("thesis.tex"));
        assertThat(dir.resolve("mine/" + AllInOneData.LOCK_FILE)).doesNotExist();
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> AllInOne.open(plain(dir.resolve("data"), port, 2)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("--port " + port);
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theFleetHasTwoToFiveHundredHosts() {
        assertThatThrownBy(() -> AllInOne.open(plain(dir.resolve("data"), 0, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--hosts 1");
    }

    private static String lowestWwpnOnFabric(Fleet fleet, Showcase show) {
        return fleet.hosts().get(0).ports().stream().filter(port -> port.fabric().equals(show.fabric()))
                .findFirst().orElseThrow().name();
    }

    private static List<String> hostIds(ApiClient api) {
        return StreamSupport.stream(get(api, "v1", "hosts").body().path("hosts").spliterator(), false)
                .map(host -> host.path("host").asText()).toList();
    }

    /**
     * The hostile probe's forgery: an empty sysfs snapshot of hv03 with an incarnation near the
     * largest number, written straight to the topic, unsigned and then signed by a key no one
     * enrolled. The replica dead-letters both and hv03 keeps every device.
     */
    @Test
    void aForgedSnapshotOfAHostIsRefusedAndChangesNothing() throws Exception {
        String bootstrapServers = running.stages().get(0).replaceFirst("broker up at (\\S+) .*", "$1");
        JsonNode before = get(api, "v1", "hosts", "hv03", "devices").body();
        Event forged = new Event(new EventHeader("hv03", Long.MAX_VALUE - 1000, 0, Source.UDEV, Instant.now()),
                new HostSnapshot(List.of()));
        byte[] key = EventKey.of(forged);
        byte[] value = new EventCodec().encode(forged);
        SigningKey stranger = SigningKey.generate();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(EventTopics.EVENTS_TOPIC, key, value)).get();
            producer.send(new ProducerRecord<>(EventTopics.EVENTS_TOPIC, null, key, value,
                    RecordSignatures.sign(stranger, key, value))).get();
        }

        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition(EventTopics.DEAD_LETTER_TOPIC, 0);
            consumer.assign(List.of(dlq));
            consumer.seekToBeginning(List.of(dlq));
            long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            while (reasons.stream().filter(reason -> reason.contains("'hv03'")).count() < 2
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    reasons.add(new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                            StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(reasons).filteredOn(reason -> reason.contains("'hv03'")).hasSize(2)
                .anySatisfy(reason -> assertThat(reason).startsWith("the HostSnapshot record of host 'hv03' is not"
                        + " signed, not by the host's enrolled key (SHA256:"))
                .anySatisfy(reason -> assertThat(reason).startsWith("the HostSnapshot record of host 'hv03' is signed"
                        + " by " + stranger.publicKey().fingerprint() + ", not by the host's enrolled key (SHA256:"));
        assertThat(get(api, "v1", "hosts", "hv03", "devices").body()).isEqualTo(before);
    }

    private static ApiClient.Answer get(ApiClient api, String... path) {
        return get(api, Map.of(), path);
    }

    private static ApiClient.Answer get(ApiClient api, Map<String, String> query, String... path) {
        ApiClient.Answer answer = api.get(List.of(path), query);
        assertThat(answer.status()).as("GET %s %s: %s", String.join("/", path), query, answer.body()).isEqualTo(200);
        return answer;
    }

    /** Each candidate of an NPIV answer as "name accepted|rejected: reason", in the answer's order. */
    private static List<String> candidates(JsonNode answer) {
        return StreamSupport.stream(answer.path("candidates").spliterator(), false)
                .map(c -> c.path("name").asText() + (c.path("accepted").asBoolean() ? " accepted: " : " rejected: ")
                        + c.path("reason").asText())
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks until the parent is {@code expected} or the deadline passes; returns the last answer. */
    private static String awaitParent(ApiClient client, Map<String, String> query, String expected) {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        String chosen = client.get(List.of("v1", "npiv", "parent"), query).body().at("/parent/name").asText();
        while (!chosen.equals(expected) && System.currentTimeMillis() < deadline) {
            pause();
            chosen = client.get(List.of("v1", "npiv", "parent"), query).body().at("/parent/name").asText();
        }
        return chosen;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Plain HTTP, the fleet of {@link #SEED}. */
    private static AllInOne.Settings plain(Path data, int port, int hosts) {
        return new AllInOne.Settings(data, port, hosts, SEED);
    }
}
