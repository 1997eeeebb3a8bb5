package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.api.QueryServerConfig;
import io.nodedex.api.Replica;
import io.nodedex.testkit.fleet.Fleet;
import io.nodedex.testkit.fleet.Showcase;
import io.nodedex.indexer.IndexerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real server (the shared all-in-one), as people and scripts run them. */
@ExtendWith(SharedAllInOne.class)
class ClientCommandsTest {

    private static String server;
    private static Fleet fleet;
    private static Showcase show;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect(SharedAllInOne.Running running) {
        server = running.stack().url().toString();
        fleet = running.stack().fleet();
        show = fleet.showcase();
    }

    @Test
    void hostsPrintsAnAlignedTableSortedByHostId() {
        CommandRun run = client("hosts");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines.get(0)).matches("HOST +LAST SEEN");
        assertThat(column(lines, 0)).containsExactly("hv01", "hv02", "hv03", "hv04");
        assertAligned(lines);
    }

    @Test
    void jsonPrintsTheServersDocument() {
        CommandRun run = client("hosts", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json())
                .isEqualTo(new ApiClient(URI.create(server)).get(List.of("v1", "hosts"), Map.of()).body());
    }

    @Test
    void lookupWwpnOfTheDuplicateListsBothOwnersAndWarnsOfTheConflict() {
        CommandRun run = client("lookup", "wwpn", show.duplicateWwpn().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines.get(0)).matches("HOST +DEVICE +ROLE +WWNN +FABRIC +STATE +PARENT");
        assertThat(column(lines, 0)).containsExactlyElementsOf(show.duplicateHosts());
        assertThat(column(lines, 2)).containsOnly("vhba");
        assertAligned(lines);
        assertThat(run.err()).startsWith("nodedex: conflict: WWPN " + show.duplicateWwpn() + " is used by 2 fc_hosts");
    }

    @Test
    void lookupWwpnTakesTheKernelsSpellingAndPrintsTheServersJson() {
        String kernelStyle = "0x" + show.duplicateWwpn().toString().replaceFirst("^0+", "").toUpperCase();

        CommandRun run = client("lookup", "wwpn", kernelStyle, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("wwpn").asText()).isEqualTo(show.duplicateWwpn().toString());
        assertThat(run.json().get("conflict").asBoolean()).isTrue();
        assertThat(run.json().get("matches")).hasSize(2);
    }

    @Test
    void lookupFabricListsHbasWithFreeVportsAndVhbasWithTheirParent() {
        CommandRun run = client("lookup", "fabric", show.fabric().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines.get(0)).matches("HOST +DEVICE +ROLE +WWPN +STATE +PARENT +FREE VPORTS");
        assertThat(column(lines, 0)).isSorted().contains(show.host());
        assertThat(lines).anyMatch(line -> line.matches(show.host()
                + " +scsi_host1 +hba +\\p{XDigit}{16} +Linkdown +- +255"));
        assertThat(lines).anyMatch(line -> line.matches(show.host() + " +scsi_host\\d+ +vhba +\\p{XDigit}{16} +Online +"
                + show.lowestWwpnParent() + " +-"));
        assertAligned(lines);
        CommandRun json = client("lookup", "fabric", show.fabric().toString(), "--json");
        assertThat(json.json().get("fabricWwn").asText()).isEqualTo(show.fabric().toString());
        assertThat(json.json().get("members")).hasSize(lines.size() - 1);
    }

    @Test
    void parentPrintsTheChoiceAndEveryCandidateWithItsReason() {
        CommandRun run = client("parent", "--host", show.host(), "--parent-fabric-wwn", show.fabric().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines.get(0)).startsWith("parent: " + show.lowestWwpnParent() + " on " + show.host() + " (wwnn ")
                .contains("fabric " + show.fabric()).endsWith("vports free)");
        assertThat(lines.get(1)).isEqualTo("criteria: fabric_wwn, policy: lowest-wwpn");
        List<String> table = lines.subList(2, lines.size());
        assertThat(table.get(0)).matches("CANDIDATE +ACCEPTED +REASON");
        assertThat(table.get(1)).matches(show.lowestWwpnParent() + " +yes +vport capable, Online, .*");
        assertThat(table).anyMatch(line -> line.matches("scsi_host1 +no +port state Linkdown, not Online"));
        assertAligned(table);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void parentWithJsonPrintsTheServersAnswerAndHonoursThePolicy() {
        CommandRun run = client("parent", "--host", show.host(), "--parent-fabric-wwn", show.fabric().toString(),
                "--policy", "most-free", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().at("/parent/name").asText()).isEqualTo(show.mostFreeParent());
        assertThat(run.json().get("policy").asText()).isEqualTo("most-free");
    }

    @Test
    void noParentQualifyingIsExitCode3WithTheCandidatesAndTheReason() {
        CommandRun run = client("parent", "--host", show.host(), "--parent-fabric-wwn", show.fullFabric().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.out()).startsWith("parent: none on " + show.host()).contains("full: 8 of 8 vports in use");
        assertThat(run.err()).startsWith("nodedex: no vport-capable parent on host " + show.host());
    }

    @Test
    void namingAVhbaAsParentIsExitCode4() {
        CommandRun run = client("parent", "--host", show.host(), "--parent", show.vhba(), "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run.json().get("parent").isNull()).isTrue();
        assertThat(run.err())
                .contains("named parent " + show.vhba() + " on host " + show.host() + " is not vport capable");
    }

    @Test
    void aMalformedWwnIsExitCode2WithTheServersMessageAndNothingOnStdout() {
        CommandRun run = client("parent", "--host", show.host(), "--parent-fabric-wwn", "0xZZ00");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("nodedex: ").contains("0xZZ00");
    }

    @Test
    void anUnknownHostOrWwpnIsExitCode3() {
        CommandRun host = client("parent", "--host", "hv99");
        CommandRun wwpn = client("lookup", "wwpn", "1000000000000001", "--json");

        assertThat(host.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(host.err()).contains("unknown host 'hv99'");
        assertThat(wwpn.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(wwpn.out()).isEmpty();
        assertThat(wwpn.err()).contains("no fc_host has WWPN 1000000000000001");
    }

    @Test
    void usageErrorsAreExitCode2() {
        assertThat(client("parent").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CommandRun lookup = CommandRun.of("lookup");
        assertThat(lookup.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(lookup.err()).contains("wwpn WWN or fabric WWN");
        CommandRun badServer = CommandRun.of("hosts", "--server", "ftp://example.org");
        assertThat(badServer.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badServer.err()).contains("--server 'ftp://example.org' is not a server URL");
    }

    @Test
    void auditListsTheFindingsAndCountsThem() {
        CommandRun run = client("audit");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines.get(0)).matches("KIND +FINDING");
        assertThat(lines.get(1)).matches("duplicate_wwpn +WWPN " + show.duplicateWwpn() + " is used by 2 fc_hosts: .*");
        assertThat(lines.get(2)).matches("vport_count_mismatch +parent " + show.miscountedParent() + " reports .*");
        assertThat(lines.get(3)).isEqualTo("2 findings: 1 duplicate_wwpn, 1 vport_count_mismatch");
        assertAligned(lines.subList(0, 3));
        CommandRun json = client("audit", "--json");
        assertThat(json.json().at("/counts/duplicate_wwpn").asInt()).isEqualTo(1);
        assertThat(json.json().get("findings")).hasSize(2);
    }

    @Test
    void vhbasListsEachVhbaWithItsParentsStatus() {
        CommandRun one = client("vhbas", "--host", show.host());
        CommandRun all = client("vhbas", "--json");

        assertThat(one.exitCode()).as(one.err()).isZero();
        List<String> lines = lines(one.out());
        assertThat(lines.get(0)).matches("HOST +VHBA +WWPN +FABRIC +PARENT +PARENT STATUS");
        assertThat(column(lines, 0)).hasSize(fleet.hosts().get(0).vhbas().size()).containsOnly(show.host());
        assertThat(column(lines, 5)).containsOnly("ok");
        assertAligned(lines);
        assertThat(all.json().get("vhbas")).hasSize(fleet.vhbaCount());
    }

    @Test
    void listCommandsFollowEveryPageAndPrintWhatOneAnswerHolds() {
        List<List<String>> lists = List.of(List.of("hosts"), List.of("vhbas"), List.of("vhbas", "--host", show.host()),
                List.of("audit"), List.of("lookup", "wwpn", show.duplicateWwpn().toString()),
                List.of("lookup", "fabric", show.fabric().toString()));
        for (List<String> list : lists) {
            String[] onePage = list.toArray(String[]::new);
            String[] pageByPage = Stream.concat(list.stream(), Stream.of("--page-size", "1")).toArray(String[]::new);
            String[] json = Stream.concat(list.stream(), Stream.of("--json", "--page-size", "1")).toArray(String[]::new);

            CommandRun whole = client(onePage);
            CommandRun paged = client(pageByPage);
            CommandRun pagedJson = client(json);

            assertThat(paged.exitCode()).as("%s: %s", list, paged.err()).isZero();
            assertThat(paged.out()).as("%s", list).isEqualTo(whole.out());
            assertThat(lines(paged.out()).size()).as("%s has several items", list).isGreaterThan(2);
            assertThat(pagedJson.json()).as("%s --json", list).isEqualTo(serverAnswer(list));
            assertThat(pagedJson.json().has("next")).isFalse();
        }
    }

    @Test
    void limitStopsAfterThatManyItems() {
        CommandRun hosts = client("hosts", "--limit", "2");
        CommandRun vhbas = client("vhbas", "--json", "--limit", "3", "--page-size", "2");
        CommandRun audit = client("audit", "--limit", "1");

        assertThat(column(lines(hosts.out()), 0)).containsExactly("hv01", "hv02");
        JsonNode every = serverAnswer(List.of("vhbas")).get("vhbas");
        assertThat(vhbas.json().get("vhbas")).containsExactly(every.get(0), every.get(1), every.get(2));
        assertThat(vhbas.json().has("next")).isFalse();
        assertThat(lines(audit.out())).hasSize(3);
        assertThat(lines(audit.out()).get(2))
                .isEqualTo("showing 1 of 2 findings: 1 duplicate_wwpn, 1 vport_count_mismatch");
    }

    @Test
    void aLimitOrPageSizeOutOfRangeIsExitCode2() {
        CommandRun limit = client("hosts", "--limit", "0");
        CommandRun pageSize = client("audit", "--page-size", "5001");

        assertThat(limit.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(limit.err()).contains("--limit must be at least 1, not 0");
        assertThat(pageSize.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(pageSize.err()).contains("--page-size must be 1 to 5000, not 5001");
    }

    /** The server's answer to a list command's request, in one page (the fleet is far below 500 items). */
    private static JsonNode serverAnswer(List<String> command) {
        ApiClient api = new ApiClient(URI.create(server));
        ApiClient.Answer answer = switch (command.get(0)) {
            case "hosts" -> api.get(List.of("v1", "hosts"), Map.of());
            case "vhbas" -> api.get(List.of("v1", "vhbas"), command.size() > 1 ? Map.of("host", command.get(2)) : Map.of());
            case "audit" -> api.get(List.of("v1", "audit"), Map.of());
            default -> api.get(List.of("v1", command.get(1).equals("wwpn") ? "wwpn" : "fabrics", command.get(2)),
                    Map.of());
        };
        assertThat(answer.body().has("next")).as("%s fits one page", command).isFalse();
        return answer.body();
    }

    @Test
    void aServerThatDoesNotListenIsExitCode5NamingTheUrl() throws IOException {
        String closed = "http://127.0.0.1:" + freePort();

        CommandRun run = CommandRun.of("hosts", "--server", closed);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("nodedex: cannot reach the nodedex server at " + closed + ": connection refused");
    }

    @Test
    void aServerThatIsNotReadyIsExitCode5() throws IOException {
        String noKafka = "127.0.0.1:" + freePort();
        try (Replica replica = Replica.start(IndexerConfig.of(noKafka, dir.resolve("index")),
                QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0)).withSocketActivation(false))) {
            String url = "http://127.0.0.1:" + replica.server().address().getPort();

            CommandRun run = CommandRun.of("audit", "--server", url);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err()).startsWith("nodedex: the nodedex server at " + url + " is not ready: ");
        }
    }

    @Test
    void theServerComesFromNodedexServerWhenNotGiven() throws Exception {
        ProcessBuilder withVariable = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "hosts").redirectErrorStream(true);
        withVariable.environment().put(ClientOptions.SERVER_VARIABLE, server);
        Process configured = withVariable.start();
        try {
            String output = new String(configured.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(configured.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(configured.exitValue()).as(output).isZero();
            assertThat(output).contains("hv04");
        } finally {
            configured.destroyForcibly();
        }
    }

    private static CommandRun client(String... args) {
        return CommandRun.of(Stream.concat(Arrays.stream(args), Stream.of("--server", server)).toArray(String[]::new));
    }

    private static List<String> lines(String out) {
        return out.lines().toList();
    }

    /** The cells of one column under the header (cells hold no blanks, except the last column's). */
    private static List<String> column(List<String> lines, int index) {
        List<String> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            cells.add(line.split(" {2,}")[index]);
        }
        return cells;
    }

    /** Every row's cells start where the header's titles do. */
    private static void assertAligned(List<String> lines) {
        String header = lines.get(0);
        List<Integer> starts = new ArrayList<>();
        Matcher title = Pattern.compile("\\S+( \\S+)*").matcher(header);
        while (title.find()) {
            starts.add(title.start());
        }
        for (String line : lines) {
            for (int start : starts) {
                assertThat(line.length()).as("line '%s'", line).isGreaterThan(start);
                assertThat(line.charAt(start)).as("line '%s' at %d", line, start).isNotEqualTo(' ');
                if (start > 0) {
                    assertThat(line.substring(start - 2, start)).as("line '%s' before %d", line, start).isEqualTo("  ");
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
