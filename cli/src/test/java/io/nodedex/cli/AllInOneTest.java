package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.cli.fleet.Fleet;
import io.nodedex.cli.fleet.FleetFiles;
import io.nodedex.cli.fleet.FleetGenerator;
import io.nodedex.cli.fleet.Showcase;
import io.nodedex.cli.fleet.SimulatedHost;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.json.NpivJson;
import io.nodedex.npiv.NpivRequest;
import io.nodedex.npiv.NpivResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
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
        assertThat(running.stages()).hasSize(5);
        assertThat(running.stages().get(0)).startsWith("broker up at 127.0.0.1:");
        assertThat(running.stages().get(1)).startsWith("topics nodedex.events (3 partitions) and nodedex.events.dlq");
        assertThat(running.stages().get(2)).startsWith("fleet generated: 4 hosts (seed 5)");
        assertThat(running.stages().get(3)).startsWith("4 agents snapshotted");
        assertThat(running.stages().get(4)).startsWith("indexer caught up: 4 hosts")
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
     * The oracle is the generator's model, not its files: the NPIV resolver over each host's
     * ports and vHBAs as they are (cabled fabric, port state, vport counts). The host file alone
     * is not (see the next spec).
     */
    @Test
    void everyNpivAnswerIsTheResolversOverWhatTheHostsReallyHave() {
        Fleet fleet = running.stack().fleet();
        for (SimulatedHost host : fleet.hosts()) {
            for (Map<String, String> query : npivQueries(host.id(), fleet)) {
                ApiClient.Answer answer = api.get(List.of("v1", "npiv", "parent"), query);
                JsonNode expected = NpivJson.toJson(NpivResolver.resolve(request(query), FleetTruth.fcDevices(host)));
                assertThat(answer.body()).as("%s", query).isEqualTo(expected);
            }
        }
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
        String banner = AllInOneBanner.text(stack.url(), stack.fleet(), stack.files(), running.data());
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
        AllInOne.Settings settings = new AllInOne.Settings(dir.resolve("data"), 0, 2, SEED);
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
    void aDataDirectoryServesOneAllInOneAtATime() throws IOException {
        AllInOne.Settings settings = new AllInOne.Settings(dir.resolve("data"), 0, 2, SEED);
        AllInOne first = AllInOne.open(settings);
        try {
            assertThatThrownBy(() -> AllInOne.open(settings)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("in use by another nodedex all-in-one");
        } finally {
            first.close();
        }
        Files.createDirectories(dir.resolve("data/fleet"));
        FleetFiles.write(FleetGenerator.generate(SEED, 2), dir.resolve("data/fleet"));

        assertThatThrownBy(() -> AllInOne.open(new AllInOne.Settings(dir.resolve("data"), 0, 3, SEED)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds a fleet of 2 hosts from seed 5, not 3 from seed 5");
        AllInOne.open(settings).close(); // the failed opens left it unlocked
    }

    @Test
    void aDirectoryWithOtherFilesIsNeverTakenOver() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("mine")).resolve("thesis.tex"), "\\begin{document}");

        assertThatThrownBy(() -> AllInOne.open(new AllInOne.Settings(dir.resolve("mine"), 0, 2, SEED)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not empty and was not made by");
        assertThat(dir.resolve("mine")).isDirectoryContaining(path -> path.endsWith("thesis.tex"));
        assertThat(dir.resolve("mine/" + AllInOneData.LOCK_FILE)).doesNotExist();
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> AllInOne.open(new AllInOne.Settings(dir.resolve("data"), port, 2, SEED)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("--port " + port);
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theFleetHasTwoToFiveHundredHosts() {
        assertThatThrownBy(() -> AllInOne.open(new AllInOne.Settings(dir.resolve("data"), 0, 1, SEED)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--hosts 1");
    }

    /** Every fabric with each policy, and no criterion at all. */
    private static List<Map<String, String>> npivQueries(String host, Fleet fleet) {
        List<Map<String, String>> queries = new ArrayList<>();
        for (String policy : List.of("lowest-wwpn", "most-free")) {
            queries.add(Map.of("host", host, "policy", policy));
            for (Wwn fabric : fleet.fabrics()) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("host", host);
                query.put("parentFabricWwn", fabric.toString());
                query.put("policy", policy);
                queries.add(query);
            }
        }
        return queries;
    }

    private static NpivRequest request(Map<String, String> query) {
        return NpivRequest.of(Optional.ofNullable(query.get("host")), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(query.get("parentFabricWwn")),
                Optional.ofNullable(query.get("policy")));
    }

    private static String lowestWwpnOnFabric(Fleet fleet, Showcase show) {
        return fleet.hosts().get(0).ports().stream().filter(port -> port.fabric().equals(show.fabric()))
                .findFirst().orElseThrow().name();
    }

    private static List<String> hostIds(ApiClient api) {
        return StreamSupport.stream(get(api, "v1", "hosts").body().path("hosts").spliterator(), false)
                .map(host -> host.path("host").asText()).toList();
    }

    private static ApiClient.Answer get(ApiClient api, String... path) {
        ApiClient.Answer answer = api.get(List.of(path), Map.of());
        assertThat(answer.status()).as("GET %s: %s", String.join("/", path), answer.body()).isEqualTo(200);
        return answer;
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
}
