package io.nodedex.testkit.fleet;

import io.nodedex.device.Wwn;
import io.nodedex.testkit.TestDriverXml;
import java.util.Objects;

/**
 * One physical, NPIV-capable Fibre Channel port of a simulated host: a {@code scsi_hostN} on its
 * own PCI function.
 *
 * @param scsiHost the kernel's host number N ({@code scsi_hostN}, sysfs {@code hostN})
 * @param pciAddress the PCI function, e.g. {@code 0000:05:00.0}
 * @param rootPort the PCIe root port the card sits behind, e.g. {@code 0000:00:03.0}
 * @param model the HBA
 * @param wwnn its node name
 * @param wwpn its port name
 * @param fabric the fabric it is cabled to (libvirt's view; sysfs reports the kernel's unknown
 *     fabric while the link is down)
 * @param online whether the link is up ({@code port_state} {@code Online}, else {@code Linkdown})
 * @param maxVports {@code max_npiv_vports}
 * @param vportsInUse {@code npiv_vports_inuse} as the HBA reports it: the number of its vHBAs,
 *     except where the generator planted a disagreement for the audit to find
 */
public record PhysicalPort(int scsiHost, String pciAddress, String rootPort, HbaModel model, Wwn wwnn, Wwn wwpn,
        Wwn fabric, boolean online, int maxVports, int vportsInUse) {

    /** What the kernel reports as the fabric name of a port that is not logged into one. */
    static final Wwn UNKNOWN_FABRIC = new Wwn(-1L);

    public PhysicalPort {
        Objects.requireNonNull(pciAddress, "pciAddress");
        Objects.requireNonNull(rootPort, "rootPort");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(wwnn, "wwnn");
        Objects.requireNonNull(wwpn, "wwpn");
        Objects.requireNonNull(fabric, "fabric");
    }

    /** Its libvirt device name, {@code scsi_hostN}. */
    public String name() {
        return "scsi_host" + scsiHost;
    }

    /** The sysfs {@code port_state}. */
    public String portState() {
        return online ? "Online" : "Linkdown";
    }

    /** The sysfs {@code speed}. */
    public String speed() {
        return online ? HbaModel.SPEED : "unknown";
    }

    /** The sysfs {@code fabric_name}: the cabled fabric while online, else the kernel's unknown fabric. */
    Wwn reportedFabric() {
        return online ? fabric : UNKNOWN_FABRIC;
    }

    /** The libvirt name of its PCI function, e.g. {@code pci_0000_05_00_0}. */
    String pciDeviceName() {
        return TestDriverXml.pciDeviceName(pciAddress);
    }

    /** Its device directory relative to the sysfs root. */
    String deviceDirectory() {
        return "devices/pci0000:00/" + rootPort + "/" + pciAddress + "/host" + scsiHost;
    }
}
