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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsTreeTest {

    private static final String HBA = "pci0000:00/0000:00:03.0/0000:05:00.0";

    @TempDir
    Path root;

    private Device only(List<Device> devices, String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** The NPIV-capable port of docs/design.md, "Reference data", as host5 on PCI function 0000:05:00.0. */
    private void physicalPort() throws IOException {
        link("class/scsi_host/host5", "../../devices/" + HBA + "/host5/scsi_host/host5");
        file("devices/" + HBA + "/host5/scsi_host/host5/unique_id", "2\n");
        file("devices/" + HBA + "/host5/scsi_host/host5/proc_name", "lpfc\n");
        link("class/fc_host/host5", "../../devices/" + HBA + "/host5/fc_host/host5");
        file("class/fc_host/host5/node_name", "0x20000090fa1c2d3e\n");
        file("class/fc_host/host5/port_name", "0x10000090fa1c2d3e\n");
        file("class/fc_host/host5/fabric_name", "0x100000051e9a0b01\n");
        file("class/fc_host/host5/port_state", "Online\n");
        file("class/fc_host/host5/speed", "8 Gbit\n");
        file("class/fc_host/host5/max_npiv_vports", "255\n");
        file("class/fc_host/host5/npiv_vports_inuse", "2\n");
        file("class/fc_host/host5/vport_create", "");
        file("class/fc_host/host5/vport_delete", "");
    }

    @Test
    void physicalNpivPortIsAVportCapableFcHostNamedPlacedAndParentedAsLibvirtDoes() throws IOException {
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
    void vhbaUnderItsParentsVportHasFcHostWithoutVportOpsAndTheParentHostAsParent() throws IOException {
        physicalPort();
        String host7 = "devices/" + HBA + "/host5/vport-5:0-0/host7";
        link("class/scsi_host/host7", "../../" + host7 + "/scsi_host/host7");
        file("class/scsi_host/host7/unique_id", "4\n");
        file("class/scsi_host/host7/proc_name", "lpfc\n");
        link("class/fc_host/host7", "../../" + host7 + "/fc_host/host7");
        file("class/fc_host/host7/node_name", "0x5001a4a1b2c3d4e5\n");
        file("class/fc_host/host7/port_name", "0x5001a4a1b2c3d4e6\n");
        file("class/fc_host/host7/fabric_name", "0x100000051e9a0b01\n");
        file("class/fc_host/host7/port_state", "Online\n");
        file("class/fc_host/host7/speed", "8 Gbit\n");

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
    void linkdownPortKeepsTheKernelsUnknownFabricAndUnpaddedWwns() throws IOException {
        String host6 = "devices/pci0000:00/0000:00:03.0/0000:05:00.1/host6";
        link("class/scsi_host/host6", "../../" + host6 + "/scsi_host/host6");
        link("class/fc_host/host6", "../../" + host6 + "/fc_host/host6");
        file("class/fc_host/host6/node_name", "0x2000000c9a1b2c3\n");
        file("class/fc_host/host6/port_name", "0x1000000c9a1b2c3\n");
        file("class/fc_host/host6/fabric_name", "0xffffffffffffffff\n");
        file("class/fc_host/host6/port_state", "Linkdown\n");
        file("class/fc_host/host6/speed", "unknown\n");
        file("class/fc_host/host6/max_npiv_vports", "127\n");
        file("class/fc_host/host6/npiv_vports_inuse", "0\n");
        file("class/fc_host/host6/vport_create", "");

        FcHost port = SysfsTree.read(root).get(0).fcHost().orElseThrow();

        assertThat(port.wwnn().toString()).isEqualTo("02000000c9a1b2c3");
        assertThat(port.wwpn()).isEqualTo(new Wwn(0x1000000c9a1b2c3L));
        assertThat(port.fabricWwn()).hasValue(new Wwn(-1L));
        assertThat(port.portState()).hasValue("Linkdown");
        assertThat(port.speed()).hasValue("unknown");
    }

    @Test
    void portMissingPortNameIsOnlyAScsiHost() throws IOException {
        String host8 = "devices/pci0000:00/0000:00:03.0/0000:05:00.1/host8";
        link("class/scsi_host/host8", "../../" + host8 + "/scsi_host/host8");
        link("class/fc_host/host8", "../../" + host8 + "/fc_host/host8");
        file("class/fc_host/host8/node_name", "0x20000090fa1c2d40\n");
        file("class/fc_host/host8/port_state", "Online\n");
        file("class/fc_host/host8/vport_create", "");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.capabilities()).containsExactly(new ScsiHost(8, OptionalInt.empty()));
        assertThat(device.parent()).hasValue("pci_0000_05_00_1");
        assertThat(device.driver()).isEmpty();
    }

    @Test
    void plainDirectoryLayoutHasNoPathAndNoParent() throws IOException {
        file("class/scsi_host/host4/proc_name", "qla2xxx\n");
        file("class/fc_host/host4/node_name", "0x20000000c9848140\n");
        file("class/fc_host/host4/port_name", "0x10000000c9848140\n");
        file("class/fc_host/host4/fabric_name", "0x2002000573de9a81\n");
        file("class/fc_host/host4/port_state", "Online\n");
        file("class/fc_host/host4/max_npiv_vports", "64\n");
        file("class/fc_host/host4/npiv_vports_inuse", "1\n");
        file("class/fc_host/host4/vport_create", "");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.name()).isEqualTo("scsi_host4");
        assertThat(device.parent()).isEmpty();
        assertThat(device.sysfsPath()).isEmpty();
        assertThat(device.driver()).hasValue("qla2xxx");
        assertThat(device.isVportCapable()).isTrue();
        assertThat(device.vportOps()).hasValue(new VportOps(64, 1));
    }

    @Test
    void vportCreateOnlyUnderScsiHostStillMakesThePortVportCapable() throws IOException {
        String host3 = "devices/pci0000:00/0000:00:02.0/0000:04:00.0/host3";
        link("class/scsi_host/host3", "../../" + host3 + "/scsi_host/host3");
        file("class/scsi_host/host3/vport_create", "");
        link("class/fc_host/host3", "../../" + host3 + "/fc_host/host3");
        file("class/fc_host/host3/node_name", "0x20000000c9848141\n");
        file("class/fc_host/host3/port_name", "0x10000000c9848141\n");
        file("class/fc_host/host3/max_npiv_vports", "32\n");
        file("class/fc_host/host3/npiv_vports_inuse", "31\n");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.vportOps()).hasValue(new VportOps(32, 31));
    }

    @Test
    void missingVportCountsReadAsUnknownCapacity() throws IOException {
        file("class/fc_host/host2/node_name", "0x20000000c9848142\n");
        file("class/fc_host/host2/port_name", "0x10000000c9848142\n");
        file("class/fc_host/host2/vport_create", "");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.vportOps()).hasValue(new VportOps(0, 0));
        assertThat(device.fcHost().orElseThrow().fabricWwn()).isEmpty();
        assertThat(device.fcHost().orElseThrow().portState()).isEmpty();
    }

    @Test
    void hostListedOnlyUnderFcHostIsStillADevice() throws IOException {
        link("class/fc_host/host9", "../../devices/" + HBA + "/host9/fc_host/host9");
        file("class/fc_host/host9/node_name", "0x20000090fa1c2d44\n");
        file("class/fc_host/host9/port_name", "0x10000090fa1c2d44\n");

        Device device = SysfsTree.read(root).get(0);

        assertThat(device.name()).isEqualTo("scsi_host9");
        assertThat(device.capabilities().get(0)).isEqualTo(new ScsiHost(9, OptionalInt.empty()));
        assertThat(device.fcHost()).isPresent();
        assertThat(device.sysfsPath()).hasValue("/sys/devices/" + HBA + "/host9");
        assertThat(device.parent()).hasValue("pci_0000_05_00_0");
    }

    @Test
    void hostsAreSortedInNaturalOrder() throws IOException {
        for (int n : new int[] {10, 2, 1}) {
            link("class/scsi_host/host" + n, "../../devices/platform/host" + n + "/scsi_host/host" + n);
        }

        assertThat(SysfsTree.read(root)).extracting(Device::name)
                .containsExactly("scsi_host1", "scsi_host2", "scsi_host10");
    }

    @Test
    void parentIsTheNearestDeviceLibvirtListsOrTheComputer() throws IOException {
        link("class/scsi_host/host6", "../../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/scsi_host/host6");
        link("class/scsi_host/host0", "../../devices/pci0000:00/0000:00:1f.2/ata1/host0/scsi_host/host0");
        link("class/scsi_host/host1", "../../devices/platform/soc/host1/scsi_host/host1");

        assertThat(SysfsTree.read(root)).extracting(d -> d.parent().orElseThrow())
                .containsExactly("pci_0000_00_1f_2", "computer", "usb_2_1_1_0");
    }

    @Test
    void garbageVportCountIsAnErrorNamingTheFileAndTheValue() throws IOException {
        link("class/fc_host/host5", "../../devices/" + HBA + "/host5/fc_host/host5");
        file("class/fc_host/host5/node_name", "0x20000090fa1c2d3e\n");
        file("class/fc_host/host5/port_name", "0x10000090fa1c2d3e\n");
        file("class/fc_host/host5/max_npiv_vports", "lots\n");
        file("class/fc_host/host5/npiv_vports_inuse", "2\n");
        file("class/fc_host/host5/vport_create", "");

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sysfs file " + root.resolve("class/fc_host/host5/max_npiv_vports")
                        + ": 'lots' is not a non-negative decimal integer");
    }

    @Test
    void malformedWwnIsAnErrorNamingTheFileAndTheValue() throws IOException {
        file("class/fc_host/host5/node_name", "0x20000090fa1c2d3e\n");
        file("class/fc_host/host5/port_name", "0xnot-a-wwn\n");

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sysfs file " + root.resolve("class/fc_host/host5/port_name"))
                .hasMessageContaining("'0xnot-a-wwn'");
    }

    @Test
    void unreadableAttributeIsAnErrorNamingTheFile() throws IOException {
        Path scsiHost = Files.createDirectories(root.resolve("class/scsi_host/host1/unique_id")).getParent();

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
        Path fcHost = file("class/fc_host/host5/port_name", "0x10000090fa1c2d3e\n").getParent();
        Files.createSymbolicLink(fcHost.resolve("node_name"), secret);

        assertThatThrownBy(() -> SysfsTree.read(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(fcHost.resolve("node_name") + " resolves to " + secret.toRealPath())
                .hasMessageContaining("outside the sysfs root");
    }

    @Test
    void classEntryLinkingSomewhereUnexpectedIsRejected() throws IOException {
        link("class/scsi_host/host5", "../../devices/pci0000:00/0000:00:03.0/0000:05:00.0/host5/whatever");

        assertThatThrownBy(() -> SysfsTree.read(root))
                .hasMessageContaining("not to .../host5/scsi_host/host5 as the kernel lays it out");
    }

    @Test
    void entryThatIsNotAHostIsRejected() throws IOException {
        Files.createDirectories(root.resolve("class/scsi_host/hostess"));

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

    /**
     * Writes {@code path} (relative to the root) with {@code content}, creating its directories.
     * The trees are written literally, as the kernel lays them out: {@code class/<class>/hostN}
     * a relative symlink to {@code devices/.../hostN/<class>/hostN} (see {@link #link}), values
     * with a trailing newline, write-only files empty. (testkit's KernelSysfs cannot be used here:
     * testkit depends on core.)
     */
    private Path file(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** Creates the directory {@code target} (relative to {@code path}'s directory) and links {@code path} to it. */
    private void link(String path, String target) throws IOException {
        Path link = root.resolve(path);
        Files.createDirectories(link.getParent());
        Files.createDirectories(link.getParent().resolve(target).normalize());
        Files.createSymbolicLink(link, Path.of(target));
    }
}
