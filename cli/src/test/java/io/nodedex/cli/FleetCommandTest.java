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

/** {@code nodedex fleet}: the simulated fleet's host files, for agents run in other processes. */
class FleetCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesEachHostsLibvirtFileAndSysfsTreeAndPrintsTheAgentOptionsThatReadThem() {
        Path fleet = dir.resolve("fleet");

        CommandRun run = CommandRun.of("fleet", "--out", fleet.toString(), "--hosts", "3", "--seed", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "--host-id hv01 --libvirt-uri test://" + fleet.resolve("hv01.xml") + " --sysfs " + fleet.resolve("hv01/sys"),
                "--host-id hv02 --libvirt-uri test://" + fleet.resolve("hv02.xml") + " --sysfs " + fleet.resolve("hv02/sys"),
                "--host-id hv03 --libvirt-uri test://" + fleet.resolve("hv03.xml") + " --sysfs " + fleet.resolve("hv03/sys"));
        assertThat(run.err()).contains("fleet written: 3 hosts (seed 1) in " + fleet);

        // each file is one host as the offline commands read it: hv01 has FC ports, one of them Linkdown
        CommandRun libvirt = CommandRun.of("devices", "--test-driver-xml", fleet.resolve("hv01.xml").toString());
        assertThat(libvirt.exitCode()).as(libvirt.err()).isZero();
        assertThat(capabilityTypes(libvirt.json())).contains("fc_host", "vport_ops");
        CommandRun sysfs = CommandRun.of("devices", "--sysfs", fleet.resolve("hv01/sys").toString());
        assertThat(sysfs.exitCode()).as(sysfs.err()).isZero();
        assertThat(sysfs.json().findValuesAsText("portState")).contains("Online", "Linkdown");
    }

    @Test
    void runAgainOnTheSameFleetItKeepsTheFilesWithTheirEdits() throws IOException {
        Path fleet = dir.resolve("fleet");
        assertThat(CommandRun.of("fleet", "--out", fleet.toString(), "--hosts", "2").exitCode()).isZero();
        Path hostFile = fleet.resolve("hv02.xml");
        Files.writeString(hostFile, Files.readString(hostFile) + "<!-- edited -->\n");

        CommandRun again = CommandRun.of("fleet", "--out", fleet.toString(), "--hosts", "2");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("fleet kept: 2 hosts (seed 1)");
        assertThat(again.out().lines()).hasSize(2);
        assertThat(Files.readString(hostFile)).endsWith("<!-- edited -->\n");
    }

    @Test
    void aDirectoryHoldingAnotherFleetIsRefusedSayingWhichFleetItHolds() {
        Path fleet = dir.resolve("fleet");
        assertThat(CommandRun.of("fleet", "--out", fleet.toString(), "--hosts", "3").exitCode()).isZero();

        CommandRun other = CommandRun.of("fleet", "--out", fleet.toString(), "--hosts", "4");

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("holds a fleet of 3 hosts from seed 1, not 4 from seed 1");
        assertThat(fleet.resolve("hv04.xml")).doesNotExist();
    }

    @Test
    void aDirectoryWithOtherFilesIsNeverTouched() throws IOException {
        Path precious = Files.writeString(dir.resolve("notes.txt"), "keep me");

        CommandRun run = CommandRun.of("fleet", "--out", dir.toString(), "--hosts", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not empty and holds no fleet");
        assertThat(precious).hasContent("keep me");
        assertThat(dir.resolve("hv01.xml")).doesNotExist();
    }

    @Test
    void aFleetOfOneHostIsBadInput() {
        CommandRun run = CommandRun.of("fleet", "--out", dir.resolve("fleet").toString(), "--hosts", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--hosts 1: a fleet has 2 to 500 hosts");
    }

    private static List<String> capabilityTypes(JsonNode devices) {
        List<String> types = new ArrayList<>();
        devices.forEach(device -> device.get("capabilities").forEach(capability -> types.add(capability.get("type").asText())));
        return types;
    }
}
