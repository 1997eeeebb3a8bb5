package io.nodedex.device.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsTreeTest {

    private static final String HBA = "pci0000:00/0000:00:03.0/0000:05:00.0";

    @TempDir
    Path root;

    private FakeSysfs sysfs;

    @BeforeEach
    void createTree() {
        sysfs = new FakeSysfs(root);
    }

    private Device only(List<Device> devices, String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** The NPIV-capable port of docs/design.md, "Reference data", as host5 on PCI function 0000:05:00.0. */
    private void physicalPort() {
        Path host5 = sysfs.device(HBA + "/host5");
        Path scsiHost = sysfs.linkedClass("scsi_host", host5);
        sysfs.attribute(scsiHost, "unique_id", "2").attribute(scsiHost, "proc_name", "lpfc");
        Path fcHost = sysfs.linkedClass("fc_host", host5);
        sysfs.npivPort(fcHost, "0x20000090fa1c2d3e", "0x10000090fa1c2d3e", "0x100000051e9a0b01", "Online", 255, 2);
    }

    @Test
    void physicalNpivPortIsAVportCapableFcHostNamedPlacedAndParentedAsLibvirtDoes() {
        physicalPort();

        assertThat(SysfsTree.read(root)).containsExactly(new Device("scsi_host5",
                Optional.of("pci_0000_05_00_0"),
                Optional.of("/sys/devices/" + HBA + "/host5"),
                Optional.of("lpfc"),
                List.of(),
                List.of(new ScsiHost(5, OptionalInt.of(2)),
                        new FcHost(new Wwn(0x20000090fa1c2d3eL), new Wwn(0x10000090fa1c2d3eL),
                                Optional.of(new Wwn(0x100000051e9a0b01L)), Optional.of("Online"),
                                Optional.of("8 Gbit")),
                        new VportOps(255, 2))));
    }

    @Test
    void vhbaUnderItsParentsVportHasFcHostWithoutVportOpsAndTheParentHostAsParent() {
        physicalPort();
        Path host7 = sysfs.device(HBA + "/host5/vport-5:0-0/host7");
        Path scsiHost = sysfs.linkedClass("scsi_host", host7);
        sysfs.attribute(scsiHost, "unique_id", "4").attribute(scsiHost, "proc_name", "lpfc");
        Path fcHost = sysfs.linkedClass("fc_host", host7);
        sysfs.attribute(fcHost, "node_name", "0x5001a4a1b2c3d4e5")
                .attribute(fcHost, "port_name", "0x5001a4a1b2c3d4e6")
                .attribute(fcHost, "fabric_name", "0x100000051e9a0b01")
                .attribute(fcHost, "port_state", "Online")
                .attribute(fcHost, "speed", "8 Gbit");

        List<Device> devices = SysfsTree.read(root);

        assertThat(devices).extracting(Device::name).containsExactly("scsi_host5", "scsi_host7");
        Device vhba = only(devices, "scsi_host7");
        assertThat(vhba.parent()).hasValue("scsi_host5");
        assertThat(vhba.sysfsPath()).hasValue("/sys/devices/" + HBA + "/host5/vport-5:0-0/host7");
        assertThat(vhba.isVhba()).isTrue();
        assertThat(vhba.fcHost().orElseThrow().fabricWwn())
                .isEqualTo(only(devices, "scsi_host5").fcHost().orElseThrow().fabricWwn());
    }

    @Test
    void linkdownPortKeepsTheKernelsUnknownFabricAndUnpaddedWwns() {
        Path host6 = sysfs.device("pci0000:00/0000:00:03.0/0000:05:00.1/host6");
        sysfs.linkedClass("scsi_host", host6);
        Path fcHost = sysfs.linkedClass("fc_host", host6);
        sysfs.npivPort(fcHost, "0x2000000c9a1b2c3", "0x1000000c9a1b2c3", "0xffffffffffffffff", "Linkdown", 127, 0);
        sysfs.attribute(fcHost, "speed", "unknown");

        FcHost port = SysfsTree.read(root).get(0).fcHost().orElseThrow();

        assertThat(port.wwnn().toString()).isEqualTo("02000000c9a1b2c3");
        assertThat(port.wwpn()).isEqualTo(new Wwn(0x1000000c9a1b2c3L));
        assertThat(port.fabricWwn()).hasValue(new Wwn(-1L));
        assertThat(port.portState()).hasValue("Linkdown");
        assertThat(port.speed()).hasValue("unknown");
    }

    @Test
    void portMissingPortNameIsOnlyAScsiHost() {
        Path host8 = sysfs.device("pci0000:00/0000:00:03.0/0000:05:00.1/host8");
        sysfs.linkedClass("scsi_host", host8);
        Path fcHost = sysfs.linkedClass("fc_host", host8);
        sysfs.attribute(fcHost, "node_name", "0x20000090fa1c2d40")
                .attribute(fcHost, "port_state", "Online")
                .writeOnly(fcHost, "vport_create");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.capabilities()).containsExactly(new ScsiHost(8, OptionalInt.empty()));
        assertThat(device.parent()).hasValue("pci_0000_05_00_1");
        assertThat(device.driver()).isEmpty();
    }

    @Test
    void plainDirectoryLayoutHasNoPathAndNoParent() {
        Path scsiHost = sysfs.plainClass("scsi_host", "host4");
        sysfs.attribute(scsiHost, "proc_name", "qla2xxx");
        Path fcHost = sysfs.plainClass("fc_host", "host4");
        sysfs.npivPort(fcHost, "0x20000000c9848140", "0x10000000c9848140", "0x2002000573de9a81", "Online", 64, 1);

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.name()).isEqualTo("scsi_host4");
        assertThat(device.parent()).isEmpty();
        assertThat(device.sysfsPath()).isEmpty();
        assertThat(device.driver()).hasValue("qla2xxx");
        assertThat(device.isVportCapable()).isTrue();
        assertThat(device.vportOps()).hasValue(new VportOps(64, 1));
    }

    @Test
    void vportCreateOnlyUnderScsiHostStillMakesThePortVportCapable() {
        Path host3 = sysfs.device("pci0000:00/0000:00:02.0/0000:04:00.0/host3");
        Path scsiHost = sysfs.linkedClass("scsi_host", host3);
        sysfs.writeOnly(scsiHost, "vport_create");
        Path fcHost = sysfs.linkedClass("fc_host", host3);
        sysfs.attribute(fcHost, "node_name", "0x20000000c9848141")
                .attribute(fcHost, "port_name", "0x10000000c9848141")
                .attribute(fcHost, "max_npiv_vports", "32")
                .attribute(fcHost, "npiv_vports_inuse", "31");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.vportOps()).hasValue(new VportOps(32, 31));
    }

    @Test
    void missingVportCountsReadAsUnknownCapacity() {
        Path fcHost = sysfs.plainClass("fc_host", "host2");
        sysfs.attribute(fcHost, "node_name", "0x20000000c9848142")
                .attribute(fcHost, "port_name", "0x10000000c9848142")
                .writeOnly(fcHost, "vport_create");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.vportOps()).hasValue(new VportOps(0, 0));
        assertThat(device.fcHost().orElseThrow().fabricWwn()).isEmpty();
        assertThat(device.fcHost().orElseThrow().portState()).isEmpty();
    }

    @Test
    void hostListedOnlyUnderFcHostIsStillADevice() {
        Path host9 = sysfs.device(HBA + "/host9");
        Path fcHost = sysfs.linkedClass("fc_host", host9);
        sysfs.attribute(fcHost, "node_name", "0x20000090fa1c2d44").attribute(fcHost, "port_name", "0x10000090fa1c2d44");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.name()).isEqualTo("scsi_host9");
        assertThat(device.capabilities().get(0)).isEqualTo(new ScsiHost(9, OptionalInt.empty()));
        assertThat(device.fcHost()).isPresent();
        assertThat(device.sysfsPath()).hasValue("/sys/devices/" + HBA + "/host9");
        assertThat(device.parent()).hasValue("pci_0000_05_00_0");
    }

    @Test
    void hostsAreSortedInNaturalOrder() {
        for (int n : new int[] {10, 2, 1}) {
            sysfs.linkedClass("scsi_host", sysfs.device("platform/host" + n));
        }

        assertThat(SysfsTree.read(root)).extracting(Device::name)
                .containsExactly("scsi_host1", "scsi_host2", "scsi_host10");
    }

    @Test
    void parentIsTheNearestDeviceLibvirtListsOrTheComputer() {
        sysfs.linkedClass("scsi_host", sysfs.device("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6"));
        sysfs.linkedClass("scsi_host", sysfs.device("pci0000:00/0000:00:1f.2/ata1/host0"));
        sysfs.linkedClass("scsi_host", sysfs.device("platform/soc/host1"));

        assertThat(SysfsTree.read(root)).extracting(d -> d.parent().orElseThrow())
                .containsExactly("pci_0000_00_1f_2", "computer", "usb_2_1_1_0");
    }

    @Test
    void garbageVportCountIsAnErrorNamingTheFileAndTheValue() {
        Path fcHost = sysfs.linkedClass("fc_host", sysfs.device(HBA + "/host5"));
        sysfs.npivPort(fcHost, "0x20000090fa1c2d3e", "0x10000090fa1c2d3e", "0x100000051e9a0b01", "Online", 255, 2);
        sysfs.attribute(fcHost, "max_npiv_vports", "lots");

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sysfs file " + root.resolve("class/fc_host/host5/max_npiv_vports")
                        + ": 'lots' is not a non-negative decimal integer");
    }

    @Test
    void malformedWwnIsAnErrorNamingTheFileAndTheValue() {
        Path fcHost = sysfs.plainClass("fc_host", "host5");
        sysfs.attribute(fcHost, "node_name", "0x20000090fa1c2d3e").attribute(fcHost, "port_name", "0xnot-a-wwn");

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sysfs file " + root.resolve("class/fc_host/host5/port_name"))
                .hasMessageContaining("'0xnot-a-wwn'");
    }

    @Test
    void unreadableAttributeIsAnErrorNamingTheFile() throws IOException {
        Path scsiHost = sysfs.plainClass("scsi_host", "host1");
        Files.createDirectory(scsiHost.resolve("unique_id"));

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot read sysfs file " + scsiHost.resolve("unique_id"));
    }

    @Test
    void classEntryLinkingOutsideTheRootIsRejected(@TempDir Path outside) throws IOException {
        Path elsewhere = Files.createDirectories(outside.resolve("devices/host5/fc_host/host5"));
        Files.writeString(elsewhere.resolve("node_name"), "0x20000090fa1c2d3e\n");
        Files.writeString(elsewhere.resolve("port_name"), "0x10000090fa1c2d3e\n");
        Path classDir = Files.createDirectories(root.resolve("class/fc_host"));
        Files.createSymbolicLink(classDir.resolve("host5"), elsewhere);

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the sysfs root");
    }

    @Test
    void attributeLinkingOutsideTheRootIsNotRead(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret"), "0x20000090fa1c2d3e\n");
        Path fcHost = sysfs.plainClass("fc_host", "host5");
        Files.createSymbolicLink(fcHost.resolve("node_name"), secret);
        sysfs.attribute(fcHost, "port_name", "0x10000090fa1c2d3e");

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(fcHost.resolve("node_name") + " resolves to " + secret.toRealPath())
                .hasMessageContaining("outside the sysfs root");
    }

    @Test
    void classEntryLinkingSomewhereUnexpectedIsRejected() throws IOException {
        Path target = sysfs.device("pci0000:00/0000:00:03.0/0000:05:00.0/host5/whatever");
        Path classDir = Files.createDirectories(root.resolve("class/scsi_host"));
        Files.createSymbolicLink(classDir.resolve("host5"), classDir.relativize(target));

        assertThatThrownBy(() -> SysfsTree.read(root))
                .hasMessageContaining("not to .../host5/scsi_host/host5 as the kernel lays it out");
    }

    @Test
    void entryThatIsNotAHostIsRejected() {
        sysfs.plainClass("scsi_host", "hostess");

        assertThatThrownBy(() -> SysfsTree.read(root)).hasMessageContaining("'hostess', which is not a hostN entry");
    }

    @Test
    void emptyTreeHasNoHosts() {
        assertThat(SysfsTree.read(root)).isEmpty();
    }

    @Test
    void missingRootIsAnError() {
        assertThatThrownBy(() -> SysfsTree.read(root.resolve("absent")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a directory");
    }
}
