package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.testkit.fleet.Showcase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code nodedex history} and {@code lookup wwpn --as-of} against a real server (the shared all-in-one). */
@ExtendWith(SharedAllInOne.class)
class HistoryCommandsTest {

    private static String server;
    private static Showcase show;

    @BeforeAll
    static void connect(SharedAllInOne.Running running) {
        server = running.stack().url().toString();
        show = running.stack().fleet().showcase();
    }

    @Test
    void historyWwpnListsEachHolderFromWhenToNow() {
        CommandRun run = client("history", "wwpn", show.duplicateWwpn().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("HOST +DEVICE +FROM +TO");
        assertThat(column(lines, 0)).containsExactlyInAnyOrderElementsOf(show.duplicateHosts());
        assertThat(column(lines, 3)).containsOnly("now");
    }

    @Test
    void historyWithJsonPrintsTheServersAnswerWithEveryPageFollowed() {
        CommandRun run = client("history", "wwpn", show.duplicateWwpn().toString(), "--json", "--page-size", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json()).isEqualTo(new ApiClient(URI.create(server))
                .get(List.of("v1", "wwpn", show.duplicateWwpn().toString(), "history"), Map.of()).body());
        assertThat(run.json().get("holders")).hasSize(2);
    }

    @Test
    void historyDeviceListsItsVersionsOldestFirstTheCurrentOneLastingUntilNow() {
        CommandRun run = client("history", "device", "--host", show.host(), show.vhba());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("FROM +TO +STATE +WWPN +FABRIC +PARENT +CHANGED");
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(column(lines, 1).get(lines.size() - 2)).isEqualTo("now");
        assertThat(column(lines, 2)).containsOnly("present");
        assertThat(lines.get(1)).as("the vHBA appeared with the fleet").endsWith(" added");
    }

    @Test
    void historyOfADeviceThatNeverExistedIsExitCode3AndWithoutWhatIsUsage() {
        CommandRun missing = client("history", "device", "--host", show.host(), "scsi_host9999");
        CommandRun bare = CommandRun.of("history");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("has no history of a device 'scsi_host9999'");
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bare.err()).contains("wwpn WWPN or device --host HOST NAME");
    }

    @Test
    void lookupWwpnAsOfNowFindsTheHoldersAndAsOfBeforeTheFleetFindsNone() {
        CommandRun now = client("lookup", "wwpn", show.duplicateWwpn().toString(), "--as-of",
                Instant.now().toString(), "--json");
        CommandRun before = client("lookup", "wwpn", show.duplicateWwpn().toString(), "--as-of",
                "2000-01-01T00:00:00Z");

        assertThat(now.exitCode()).as(now.err()).isZero();
        assertThat(now.json().get("matches")).hasSize(2);
        assertThat(before.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(before.err()).contains("as of 2000-01-01T00:00:00Z");
    }

    @Test
    void lookupWwpnAsOfTheFutureOrAMalformedTimeIsExitCode2NamingIt() {
        CommandRun future = client("lookup", "wwpn", show.duplicateWwpn().toString(), "--as-of",
                "2999-01-01T00:00:00Z");
        CommandRun malformed = client("lookup", "wwpn", show.duplicateWwpn().toString(), "--as-of", "yesterday");

        assertThat(future.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(future.err()).contains("asOf: 2999-01-01T00:00:00Z is in the future");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(malformed.err()).contains("'yesterday' is not an RFC 3339 time");
    }

    @Test
    void everyStateCommandAsOfBeforeTheFleetAnswersAsTheFleetWasThen() {
        String before = "2000-01-01T00:00:00Z";
        CommandRun hosts = client("hosts", "--as-of", before, "--json");
        CommandRun vhbas = client("vhbas", "--as-of", before, "--json");
        CommandRun audit = client("audit", "--as-of", before, "--json");
        CommandRun fabric = client("lookup", "fabric", show.fabric().toString(), "--as-of", before);
        CommandRun parent = client("parent", "--host", show.host(), "--as-of", before);

        assertThat(hosts.exitCode()).as(hosts.err()).isZero();
        assertThat(hosts.json().get("hosts")).isEmpty();
        assertThat(hosts.json().get("asOf").asText()).isEqualTo(before);
        assertThat(vhbas.json().get("vhbas")).isEmpty();
        assertThat(audit.json().get("findings")).isEmpty();
        assertThat(fabric.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(fabric.err()).contains("as of " + before);
        assertThat(parent.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(parent.err()).contains("unknown host '" + show.host() + "' as of " + before);
    }

    @Test
    void everyStateCommandAsOfNowFindsTheFleet() {
        String now = Instant.now().toString();
        CommandRun hosts = client("hosts", "--as-of", now, "--json");
        CommandRun parent = client("parent", "--host", show.host(), "--parent-fabric-wwn", show.fabric().toString(),
                "--as-of", now, "--json");
        CommandRun fabric = client("lookup", "fabric", show.fabric().toString(), "--as-of", now, "--json");
        CommandRun vhbas = client("vhbas", "--host", show.host(), "--as-of", now, "--json");

        assertThat(hosts.exitCode()).as(hosts.err()).isZero();
        assertThat(hosts.json().get("hosts")).hasSize(SharedAllInOne.HOSTS);
        assertThat(parent.json().at("/parent/name").asText()).isEqualTo(show.lowestWwpnParent());
        assertThat(fabric.json().get("members")).isNotEmpty();
        assertThat(vhbas.json().get("vhbas")).extracting(vhba -> vhba.get("name").asText()).contains(show.vhba());
    }

    @Test
    void auditAsOfOverHostFilesIsRefusedAsItAsksAServer() {
        CommandRun run = CommandRun.of("audit", "--sysfs", "/nonexistent-root", "--as-of", "2000-01-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--as-of asks a server");
    }

    @Test
    void theReplicaCommandsTakeAHistoryRetentionInDays() {
        for (String command : List.of("indexer", "serve", "all-in-one")) {
            CommandRun help = CommandRun.of(command, "--help");
            assertThat(help.out()).as(command).contains("--history-retention=DURATION").contains("400d)");
        }
        assertThat(new DurationConverter().convert("400d")).isEqualTo(Duration.ofDays(400));
        assertThatThrownBy(() -> new DurationConverter().convert("0d")).hasMessageContaining("not a positive duration");
    }

    private static CommandRun client(String... args) {
        return CommandRun.of(Stream.concat(Arrays.stream(args), Stream.of("--server", server)).toArray(String[]::new));
    }

    /** The cells of one column under the header (cells hold no blanks). */
    private static List<String> column(List<String> lines, int index) {
        List<String> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            cells.add(line.split(" {2,}")[index]);
        }
        return cells;
    }
}
