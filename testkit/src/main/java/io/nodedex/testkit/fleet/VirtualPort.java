package io.nodedex.testkit.fleet;

import io.nodedex.device.Wwn;
import java.util.Objects;

/**
 * One vHBA (NPIV virtual port) of a simulated host: a {@code scsi_hostN} created on a physical
 * port, on that port's fabric.
 *
 * @param scsiHost the kernel's host number N of the vHBA
 * @param parentScsiHost the host number of the physical port it was created on
 * @param vportNumber the vport's number on its parent (sysfs {@code vport-P:0-K})
 * @param wwnn its node name (libvirt-generated, {@code 5001a4a...})
 * @param wwpn its port name
 * @param fabric its fabric: always its parent's
 */
public record VirtualPort(int scsiHost, int parentScsiHost, int vportNumber, Wwn wwnn, Wwn wwpn, Wwn fabric) {

    public VirtualPort {
        Objects.requireNonNull(wwnn, "wwnn");
        Objects.requireNonNull(wwpn, "wwpn");
        Objects.requireNonNull(fabric, "fabric");
    }

    /** Its libvirt device name, {@code scsi_hostN}. */
    public String name() {
        return "scsi_host" + scsiHost;
    }

    /** Its parent's libvirt device name. */
    public String parentName() {
        return "scsi_host" + parentScsiHost;
    }

    /** The kernel's name of its vport, {@code vport-P:0-K}. */
    String vportName() {
        return "vport-" + parentScsiHost + ":0-" + vportNumber;
    }
}
