package io.nodedex.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.device.sysfs.SysfsTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sysfs trees in the kernel's layout: the files it writes, and what nodedex's reader makes of them. */
class KernelSysfsTest {

    private static final String HOST7 = "devices/pci0000:00/0000:00:03.0/0000:05:00.0/host7";

    @TempDir
    Path root;

    @Test
    void aPortIsAHostDirectoryUnderItsPciFunctionWithClassLinksAndTheKernelsValues() throws IOException {
        new KernelSysfs(root).port(7, "0000:05:00.0", 0x0090_fa1c_2d3eL, 0x1000_0005_1e9a_0b01L, "Online", 255, 1);

        assertThat(Files.readSymbolicLink(root.resolve("class/fc_host/host7")))
                .isEqualTo(Path.of("../../" + HOST7 + "/fc_host/host7"));
        assertThat(Files.readSymbolicLink(root.resolve("class/scsi_host/host7")))
                .isEqualTo(Path.of("../../" + HOST7 + "/scsi_host/host7"));
        Path fc = root.resolve(HOST7 + "/fc_host/host7");
        assertThat(fc.resolve("node_name")).content().isEqualTo("0x20000090fa1c2d3e\n");
        assertThat(fc.resolve("port_name")).content().isEqualTo("0x10000090fa1c2d3e\n");
        assertThat(fc.resolve("fabric_name")).content().isEqualTo("0x100000051e9a0b01\n");
        assertThat(fc.resolve("port_state")).content().isEqualTo("Online\n");
        assertThat(fc.resolve("speed")).content().isEqualTo("16 Gbit\n");
        assertThat(fc.resolve("max_npiv_vports")).content().isEqualTo("255\n");
        assertThat(fc.resolve("npiv_vports_inuse")).content().isEqualTo("1\n");
        assertThat(fc.resolve("vport_create")).isEmptyFile();
        assertThat(fc.resolve("vport_delete")).isEmptyFile();
        assertThat(root.resolve(HOST7 + "/scsi_host/host7/proc_name")).content().isEqualTo("lpfc\n");
        assertThat(root.resolve(HOST7 + "/scsi_host/host7/unique_id")).content().isEqualTo("7\n");
    }

    @Test
    void aVhbaLivesUnderItsParentsVportWithoutVportFiles() {
        new KernelSysfs(root).port(7, "0000:05:00.0", 0x0090_fa1c_2d3eL, 0x1000_0005_1e9a_0b01L, "Online", 255, 1)
                .vhba(9, 7, 0, 0x0001_001b_32a9_da4eL, 0x1000_0005_1e9a_0b01L);

        Path fc = root.resolve(HOST7 + "/vport-7:0-0/host9/fc_host/host9");
        assertThat(fc.resolve("port_name")).content().isEqualTo("0x1001001b32a9da4e\n");
        assertThat(fc.resolve("vport_create")).doesNotExist();
        assertThat(root.resolve("class/fc_vports/vport-7:0-0")).isSymbolicLink();
        Device vhba = SysfsTree.read(root).get(1);
        assertThat(vhba.name()).isEqualTo("scsi_host9");
        assertThat(vhba.parent()).contains("scsi_host7");
        assertThat(vhba.isVhba()).isTrue();
    }

    @Test
    void nodedexReadsAPortAsTheVportCapableDeviceItDescribes() {
        new KernelSysfs(root).port(3, "0000:05:00.1", 0x3L, 0x1000_0005_1e9a_0b01L, "Linkdown", 8, 0);

        Device port = SysfsTree.read(root).get(0);

        assertThat(port.name()).isEqualTo("scsi_host3");
        assertThat(port.parent()).contains("pci_0000_05_00_1");
        assertThat(port.driver()).contains("lpfc");
        assertThat(port.fcHost().orElseThrow().wwpn()).isEqualTo(new Wwn(0x1000_0000_0000_0003L));
        assertThat(port.fcHost().orElseThrow().portState()).contains("Linkdown");
        assertThat(port.vportOps()).contains(new VportOps(8, 0));
    }

    @Test
    void attributesChangeAndHostsGoAway() {
        KernelSysfs sysfs = new KernelSysfs(root)
                .port(7, "0000:05:00.0", 0x7L, 0x1000_0005_1e9a_0b01L, "Online", 255, 1)
                .vhba(9, 7, 0, 0x9L, 0x1000_0005_1e9a_0b01L);

        sysfs.fcHost(7, "port_state", "Blocked").remove(9);

        assertThat(root.resolve("class/fc_host/host7/port_state")).content().isEqualTo("Blocked\n");
        assertThat(root.resolve("class/fc_host/host9")).doesNotExist();
        assertThat(root.resolve("class/fc_vports/vport-7:0-0")).doesNotExist();
        assertThat(root.resolve(HOST7 + "/vport-7:0-0")).doesNotExist();
        assertThat(SysfsTree.read(root)).extracting(Device::name).containsExactly("scsi_host7");
    }

    @Test
    void wwnsArePrintedAsTheKernelPrintsThem() {
        assertThat(KernelSysfs.wwn(0x0000_0000_0000_00abL)).isEqualTo("0xab");
        assertThat(KernelSysfs.wwn(-1L)).isEqualTo("0xffffffffffffffff");
    }
}
