package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nodedex devices} and {@code nodedex npiv-parent} over files, as a script would run them. */
class OfflineCommandsTest {

    @TempDir
    Path dir;

    /** A host like libvirt's test:///default plus a full HBA (scsi_host10) and a Linkdown one. */
    private Path hostFile() throws IOException {
        String xml = "<node>\n"
                + device("computer", "", "<capability type='system'><hardware><uuid>4c4c4544-0058-4b10-8032-b7c04f513533</uuid></hardware></capability>")
                + hba("scsi_host10", "computer", 10, "200000001234aaaa", "100000001234aaaa", "2000000043214321", vportOps(127, 127))
                + hba("scsi_host2", "computer", 2, "2000000056785678", "1000000056785678", "2000000087658765", vportOps(64, 3))
                + hba("scsi_host1", "computer", 1, "2000000012341234", "1000000012341234", "2000000043214321", vportOps(64, 60))
                + hba("scsi_host11", "scsi_host1", 11, "2000000034563456", "1000000034563456", "2000000043214321", "")
                + "</node>\n";
        Path file = dir.resolve("host.xml");
        Files.writeString(file, xml);
        return file;
    }

    private static String vportOps(int max, int inUse) {
        return "<capability type='vport_ops'><max_vports>" + max + "</max_vports><vports>" + inUse
                + "</vports></capability>";
    }

    private static String hba(String name, String parent, int host, String wwnn, String wwpn, String fabric,
            String vportOps) {
        return device(name, parent, "<capability type='scsi_host'><host>" + host + "</host>"
                + "<capability type='fc_host'><wwnn>" + wwnn + "</wwnn><wwpn>" + wwpn + "</wwpn>"
                + "<fabric_wwn>" + fabric + "</fabric_wwn></capability>" + vportOps + "</capability>");
    }

    private static String device(String name, String parent, String capabilities) {
        return "<device><name>" + name + "</name>" + (parent.isEmpty() ? "" : "<parent>" + parent + "</parent>")
                + capabilities + "</device>\n";
    }

    @Test
    void devicesPrintsEveryDeviceAsJsonInNaturalNameOrder() throws IOException {
        CommandRun run = CommandRun.of("devices", "--test-driver-xml", hostFile().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(names(run.json())).containsExactly("computer", "scsi_host1", "scsi_host2", "scsi_host10", "scsi_host11");
        JsonNode host1 = run.json().get(1);
        assertThat(host1.at("/capabilities/1/type").asText()).isEqualTo("fc_host");
        assertThat(host1.at("/capabilities/1/wwpn").asText()).isEqualTo("1000000012341234");
        assertThat(host1.at("/capabilities/2/freeVports").asInt()).isEqualTo(4);
    }

    @Test
    void devicesReadsAKernelStyleSysfsTree() throws IOException {
        Path port = Files.createDirectories(dir.resolve("sys/class/fc_host/host7"));
        Files.createDirectories(dir.resolve("sys/class/scsi_host/host7"));
        Files.writeString(port.resolve("node_name"), "0x20000090fa1c2d3e\n");
        Files.writeString(port.resolve("port_name"), "0x10000090fa1c2d3e\n");
        Files.writeString(port.resolve("fabric_name"), "0x100000051e9a0b01\n");
        Files.writeString(port.resolve("port_state"), "Online\n");
        Files.writeString(port.resolve("max_npiv_vports"), "255\n");
        Files.writeString(port.resolve("npiv_vports_inuse"), "2\n");
        Files.writeString(port.resolve("vport_create"), "");

        CommandRun run = CommandRun.of("devices", "--sysfs", dir.resolve("sys").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(names(run.json())).containsExactly("scsi_host7");
        assertThat(run.json().at("/0/capabilities/1/fabricWwn").asText()).isEqualTo("100000051e9a0b01");
        assertThat(run.json().at("/0/capabilities/1/portState").asText()).isEqualTo("Online");
    }

    @Test
    void npivParentByFabricChoosesTheVportCapableHbaNeverTheVhbaOrTheFullOne() throws IOException {
        CommandRun run = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile().toString(),
                "--host-id", "h1", "--parent-fabric-wwn", "0x2000000043214321");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode answer = run.json();
        assertThat(answer.get("host").asText()).isEqualTo("h1");
        assertThat(answer.get("criteria").asText()).isEqualTo("fabric_wwn");
        assertThat(answer.get("policy").asText()).isEqualTo("lowest-wwpn");
        assertThat(answer.at("/parent/name").asText()).isEqualTo("scsi_host1");
        assertThat(answer.at("/parent/freeVports").asInt()).isEqualTo(4);
        assertThat(candidateReason(answer, "scsi_host11")).isEqualTo("vHBA: no vport_ops");
        assertThat(candidateReason(answer, "scsi_host10")).contains("full: 127 of 127");
    }

    @Test
    void npivParentWithTheMostFreePolicyPrefersTheEmptiestHba() throws IOException {
        CommandRun run = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile().toString(), "--policy", "most-free");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().at("/parent/name").asText()).isEqualTo("scsi_host2");
    }

    @Test
    void namingAVhbaAsParentIsAConflict() throws IOException {
        CommandRun run = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile().toString(), "--parent", "scsi_host11");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().get("parent").isNull()).isTrue();
        assertThat(run.err()).contains("scsi_host11");
    }

    @Test
    void noQualifyingParentIsNotFoundWithEveryCandidateExplained() throws IOException {
        CommandRun run = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile().toString(),
                "--parent-fabric-wwn", "2000000099999999");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().get("parent").isNull()).isTrue();
        assertThat(names(run.json().get("candidates"))).contains("scsi_host1", "scsi_host2", "scsi_host10", "scsi_host11");
    }

    @Test
    void aMalformedWwnIsBadInputNamingTheValue() throws IOException {
        CommandRun run = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile().toString(),
                "--parent-fabric-wwn", "0xZZ00");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("0xZZ00");
    }

    @Test
    void halfAWwnPairIsBadInput() throws IOException {
        CommandRun run = CommandRun.of("npiv-parent", "--test-driver-xml", hostFile().toString(),
                "--parent-wwnn", "2000000012341234");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("parentWwpn");
    }

    @Test
    void malformedXmlIsBadInputNamingTheFile() throws IOException {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<device><name>scsi_host1</name>");

        CommandRun run = CommandRun.of("devices", "--libvirt-xml", broken.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("broken.xml");
    }

    @Test
    void exactlyOneSourceIsRequired() throws IOException {
        assertThat(CommandRun.of("devices").exitCode()).isEqualTo(2);
        CommandRun both = CommandRun.of("devices", "--sysfs", dir.toString(), "--test-driver-xml", hostFile().toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    private static String candidateReason(JsonNode answer, String name) {
        for (JsonNode candidate : answer.get("candidates")) {
            if (candidate.get("name").asText().equals(name)) {
                return candidate.get("reason").asText();
            }
        }
        throw new AssertionError("no candidate " + name + " in " + answer);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get("name").asText()));
        return names;
    }
}
