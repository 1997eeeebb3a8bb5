package io.nodedex.cli.fleet;

import io.nodedex.device.Wwn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a simulated host's SCSI hosts as the kernel shows them in sysfs: device directories
 * under {@code devices/} (a port's {@code hostN} under its PCI function, a vHBA's under
 * {@code <parent hostP>/vport-P:0-K/}), and {@code class/scsi_host/hostN} and
 * {@code class/fc_host/hostN} as relative symlinks into them, with the attributes nodedex reads
 * (a real tree has many more). Values are printed as the kernel prints them: WWNs
 * {@code 0x%llx} (lower case, not zero-padded), one value and a newline per file. Physical ports
 * have the write-only {@code vport_create} and {@code vport_delete}; vHBAs do not. A Linkdown
 * port reports the unknown fabric {@code 0xffffffffffffffff}.
 */
final class KernelSysfs {

    private static final String SATA_HOST = "devices/pci0000:00/0000:00:17.0/ata1/host0";

    private final Path root;

    private KernelSysfs(Path root) {
        this.root = root;
    }

    /** Writes {@code host}'s tree under {@code root}, which must not exist yet or be empty. */
    static void write(SimulatedHost host, Path root) throws IOException {
        new KernelSysfs(root).writeHost(host);
    }

    private void writeHost(SimulatedHost host) throws IOException {
        scsiHost(0, SATA_HOST, "ahci");
        for (PhysicalPort port : host.ports()) {
            Path fc = scsiHostWithFc(port.scsiHost(), port.deviceDirectory(), port.model().driver(), port.wwnn(),
                    port.wwpn(), port.reportedFabric(), port.portState(), port.speed());
            attribute(fc, "max_npiv_vports", Integer.toString(port.maxVports()));
            attribute(fc, "npiv_vports_inuse", Integer.toString(port.vportsInUse()));
            attribute(fc, "vport_create", "");
            attribute(fc, "vport_delete", "");
        }
        for (VirtualPort vhba : host.vhbas()) {
            PhysicalPort parent = host.port(vhba.parentScsiHost());
            String deviceDirectory = parent.deviceDirectory() + "/" + vhba.vportName() + "/host" + vhba.scsiHost();
            scsiHostWithFc(vhba.scsiHost(), deviceDirectory, parent.model().driver(), vhba.wwnn(), vhba.wwpn(),
                    vhba.fabric(), parent.portState(), parent.speed());
        }
    }

    private Path scsiHostWithFc(int number, String deviceDirectory, String driver, Wwn wwnn, Wwn wwpn, Wwn fabric,
            String portState, String speed) throws IOException {
        scsiHost(number, deviceDirectory, driver);
        Path fc = classEntry("fc_host", "host" + number, deviceDirectory);
        attribute(fc, "node_name", wwn(wwnn));
        attribute(fc, "port_name", wwn(wwpn));
        attribute(fc, "fabric_name", wwn(fabric));
        attribute(fc, "port_state", portState);
        attribute(fc, "speed", speed);
        return fc;
    }

    private void scsiHost(int number, String deviceDirectory, String driver) throws IOException {
        Path scsi = classEntry("scsi_host", "host" + number, deviceDirectory);
        attribute(scsi, "proc_name", driver);
        attribute(scsi, "unique_id", Integer.toString(number));
    }

    /** Creates {@code deviceDirectory/className/name} and links {@code class/className/name} to it. */
    private Path classEntry(String className, String name, String deviceDirectory) throws IOException {
        Path target = Files.createDirectories(root.resolve(deviceDirectory).resolve(className).resolve(name));
        Path classDirectory = Files.createDirectories(root.resolve("class").resolve(className));
        Files.createSymbolicLink(classDirectory.resolve(name), classDirectory.relativize(target));
        return target;
    }

    /** The kernel's {@code 0x%llx}. */
    private static String wwn(Wwn wwn) {
        return "0x" + Long.toHexString(wwn.value());
    }

    private static void attribute(Path directory, String name, String value) throws IOException {
        Files.writeString(directory.resolve(name), value.isEmpty() ? "" : value + "\n", StandardCharsets.UTF_8);
    }
}
