package io.nodedex.testkit.fleet;

import io.nodedex.testkit.KernelSysfs;
import java.nio.file.Path;

/**
 * Writes a simulated host's SCSI hosts as the kernel shows them in sysfs ({@link KernelSysfs}):
 * the SATA controller's {@code host0}, each physical port's {@code hostN} under its PCI function,
 * each vHBA's under {@code <parent hostP>/vport-P:0-K/}. A Linkdown port reports the unknown
 * fabric {@code 0xffffffffffffffff}, and its vHBAs its state and speed.
 */
final class HostSysfs {

    private static final String SATA_HOST = "devices/pci0000:00/0000:00:17.0/ata1/host0";

    private HostSysfs() {
    }

    /** Writes {@code host}'s tree under {@code root}, which must not exist yet or be empty. */
    static void write(SimulatedHost host, Path root) {
        KernelSysfs sysfs = new KernelSysfs(root);
        sysfs.scsiHost(0, SATA_HOST, "ahci");
        for (PhysicalPort port : host.ports()) {
            sysfs.npivPort(port.scsiHost(), port.deviceDirectory(), port.model().driver(), port.wwnn(), port.wwpn(),
                    port.reportedFabric(), port.portState(), port.speed(), port.maxVports(), port.vportsInUse());
        }
        for (VirtualPort vhba : host.vhbas()) {
            PhysicalPort parent = host.port(vhba.parentScsiHost());
            String deviceDirectory = parent.deviceDirectory() + "/" + vhba.vportName() + "/host" + vhba.scsiHost();
            sysfs.vhba(vhba.scsiHost(), deviceDirectory, parent.model().driver(), vhba.wwnn(), vhba.wwpn(),
                    vhba.fabric(), parent.portState(), parent.speed());
        }
    }
}
