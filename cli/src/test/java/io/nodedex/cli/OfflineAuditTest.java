package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nodedex audit} over host files, without a server. Three hosts, one of each kind of
 * source:
 * <ul>
 *   <li>{@code hv01.xml}, a test-driver host file: HBA scsi_host1 (capacity unknown, as libvirt
 *       says), its vHBA scsi_host10 with WWPN {@code 5001a4a000000010}, and vHBA scsi_host11
 *       naming parent scsi_host9, which hv01 does not have;</li>
 *   <li>{@code hv02/}, a directory of node device XML files: HBA scsi_host2 and its vHBA
 *       scsi_host20, which has the same WWPN {@code 5001a4a000000010} as hv01's scsi_host10;</li>
 *   <li>{@code hv03/}, a sysfs root: NPIV port host7, Online, 1 of 255 vports in use, but no vHBA
 *       on hv03 names it.</li>
 * </ul>
 */
class OfflineAuditTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What {@code GET /v1/audit} answers for these three hosts, byte for byte. */
    private static final String AUDIT_JSON = "{\"findings\":["
            + "{\"kind\":\"duplicate_wwpn\","
            + "\"message\":\"WWPN 5001a4a000000010 is used by 2 fc_hosts: hv01/scsi_host10, hv02/scsi_host20\","
            + "\"devices\":[{\"host\":\"hv01\",\"name\":\"scsi_host10\"},{\"host\":\"hv02\",\"name\":\"scsi_host20\"}]},"
            + "{\"kind\":\"vhba_without_parent\","
            + "\"message\":\"vHBA hv01/scsi_host11 names parent scsi_host9, which is not a device of host hv01\","
            + "\"devices\":[{\"host\":\"hv01\",\"name\":\"scsi_host11\"}]},"
            + "{\"kind\":\"vport_count_mismatch\","
            + "\"message\":\"parent hv03/scsi_host7 reports 1 vports in use, but no vHBA names it\","
            + "\"devices\":[{\"host\":\"hv03\",\"name\":\"scsi_host7\"}]}],"
            + "\"counts\":{\"duplicate_wwpn\":1,\"vhba_without_parent\":1,\"parent_over_capacity\":0,"
            + "\"fabric_mismatch\":0,\"vport_count_mismatch\":1}}";

    @TempDir
    Path dir;

    private Path hv01;
    private Path hv02;
    private Path hv03;

    @BeforeEach
    void writeHosts() throws IOException {
        hv01 = dir.resolve("hv01.xml");
        Files.writeString(hv01, "<node>\n"
                + device("computer", "", "<capability type='system'/>")
                + fcHost("scsi_host1", "computer", 1, "1000000000000001", "<capability type='vport_ops'>"
                        + "<max_vports>0</max_vports><vports>0</vports></capability>")
                + fcHost("scsi_host10", "scsi_host1", 10, "5001a4a000000010", "")
                + fcHost("scsi_host11", "scsi_host9", 11, "5001a4a000000011", "")
                + "</node>\n");

        hv02 = Files.createDirectory(dir.resolve("hv02"));
        Files.writeString(hv02.resolve("scsi_host2.xml"), fcHost("scsi_host2", "computer", 2, "1000000000000002",
                "<capability type='vport_ops'><max_vports>0</max_vports><vports>0</vports></capability>"));
        Files.writeString(hv02.resolve("scsi_host20.xml"), fcHost("scsi_host20", "scsi_host2", 20,
                "5001a4a000000010", ""));

        hv03 = dir.resolve("hv03");
        Path port = Files.createDirectories(hv03.resolve("class/fc_host/host7"));
        Files.createDirectories(hv03.resolve("class/scsi_host/host7"));
        Files.writeString(port.resolve("node_name"), "0x20000090fa1c2d3e\n");
        Files.writeString(port.resolve("port_name"), "0x10000090fa1c2d3e\n");
        Files.writeString(port.resolve("fabric_name"), "0x100000051e9a0b01\n");
        Files.writeString(port.resolve("port_state"), "Online\n");
        Files.writeString(port.resolve("max_npiv_vports"), "255\n");
        Files.writeString(port.resolve("npiv_vports_inuse"), "1\n");
        Files.writeString(port.resolve("vport_create"), "");
    }

    /** An fc_host on fabric 100000051e9a0b01 with WWNN 2000… and the given WWPN. */
    private static String fcHost(String name, String parent, int host, String wwpn, String vportOps) {
        return device(name, parent, "<capability type='scsi_host'><host>" + host + "</host>"
                + "<capability type='fc_host'><wwnn>2" + wwpn.substring(1) + "</wwnn><wwpn>" + wwpn + "</wwpn>"
                + "<fabric_wwn>100000051e9a0b01</fabric_wwn></capability>" + vportOps + "</capability>");
    }

    private static String device(String name, String parent, String capabilities) {
        return "<device><name>" + name + "</name>" + (parent.isEmpty() ? "" : "<parent>" + parent + "</parent>")
                + capabilities + "</device>\n";
    }

    private CommandRun audit(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "audit";
        System.arraycopy(options, 0, args, 1, options.length);
        return CommandRun.of(args);
    }

    @Test
    void withJsonItPrintsWhatTheServerWouldAnswerForTheseHosts() throws IOException {
        CommandRun run = audit("--test-driver-xml", hv01.toString(), "--libvirt-xml", hv02.toString(),
                "--sysfs", hv03.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(MAPPER.writeValueAsString(run.json())).isEqualTo(AUDIT_JSON);
    }

    @Test
    void withoutJsonItPrintsTheTableOfTheOnlineAudit() {
        CommandRun run = audit("--sysfs", hv03.toString(), "--libvirt-xml", hv02.toString(),
                "--test-driver-xml", hv01.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "KIND                  FINDING",
                "duplicate_wwpn        WWPN 5001a4a000000010 is used by 2 fc_hosts: hv01/scsi_host10, hv02/scsi_host20",
                "vhba_without_parent   vHBA hv01/scsi_host11 names parent scsi_host9, which is not a device of host hv01",
                "vport_count_mismatch  parent hv03/scsi_host7 reports 1 vports in use, but no vHBA names it",
                "3 findings: 1 duplicate_wwpn, 1 vhba_without_parent, 1 vport_count_mismatch");
    }

    @Test
    void withALimitItListsTheFirstFindingsAndCountsThemAll() {
        CommandRun run = audit("--sysfs", hv03.toString(), "--libvirt-xml", hv02.toString(),
                "--test-driver-xml", hv01.toString(), "--limit", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "KIND                 FINDING",
                "duplicate_wwpn       WWPN 5001a4a000000010 is used by 2 fc_hosts: hv01/scsi_host10, hv02/scsi_host20",
                "vhba_without_parent  vHBA hv01/scsi_host11 names parent scsi_host9, which is not a device of host hv01",
                "showing 2 of 3 findings: 1 duplicate_wwpn, 1 vhba_without_parent, 1 vport_count_mismatch");
    }

    @Test
    void aDuplicateWwpnNeedsBothHostsOneHostAloneIsClean() {
        CommandRun run = audit("--libvirt-xml", hv02.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("KIND  FINDING", "no findings");
    }

    @Test
    void twoSourcesForOneHostIdAreBadInputNamingBoth() throws IOException {
        Path otherHv01 = Files.createDirectories(dir.resolve("elsewhere/hv01"));

        CommandRun run = audit("--test-driver-xml", hv01.toString(), "--sysfs", otherHv01.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("nodedex: --test-driver-xml " + hv01 + " and --sysfs " + otherHv01
                + " are both host 'hv01': give one source per host");
    }

    @Test
    void theSameSourceTwiceIsTwoSourcesForOneHost() {
        CommandRun run = audit("--sysfs", hv03.toString(), "--sysfs", hv03.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("are both host 'hv03'");
    }

    @Test
    void hostSourcesWithAServerAreBadInputAndNoServerIsAsked() {
        CommandRun run = audit("--server", "http://127.0.0.1:1", "--test-driver-xml", hv01.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("nodedex: --server asks a server, --test-driver-xml " + hv01
                + " audits files offline: give one or the other");
    }

    @Test
    void aPageSizeWithHostSourcesIsBadInput() {
        CommandRun run = audit("--page-size", "10", "--test-driver-xml", hv01.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("nodedex: --page-size asks a server, --test-driver-xml " + hv01
                + " audits files offline: give one or the other");
    }

    @Test
    void anUnreadableHostFileIsBadInputNamingIt() throws IOException {
        Path broken = dir.resolve("hv04.xml");
        Files.writeString(broken, "<node><device><name>scsi_host1</name>");

        CommandRun run = audit("--test-driver-xml", hv01.toString(), "--test-driver-xml", broken.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("hv04.xml");
    }
}
