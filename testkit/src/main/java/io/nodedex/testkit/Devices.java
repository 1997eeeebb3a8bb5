package io.nodedex.testkit;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Devices shaped as libvirt and sysfs report them. libvirt's view of an HBA has no port state and
 * vport counts 0 (capacity unknown, as its test driver serves them); sysfs's ({@code liveHba})
 * has the port state, the speed {@value #SPEED} and live vport counts. Every device but
 * {@link #computer} has the sysfs path {@code /sys/devices/pci0000:00/NAME} and the driver
 * {@value #DRIVER}; a SCSI host's number is the digits of its name ({@code scsi_host12}: 12).
 *
 * <p>Pure functions returning immutable values.
 */
public final class Devices {

    /** The parent of an HBA when none is named. */
    public static final String HBA_PARENT = "pci_0000_05_00_0";
    /** The link speed of a live HBA. */
    public static final String SPEED = "8 Gbit";
    /** The driver of every device but the computer. */
    public static final String DRIVER = "lpfc";

    private Devices() {
    }

    /** A vport-capable HBA as libvirt reports it, under {@value #HBA_PARENT}. */
    public static Device hba(String name, long wwnn, long wwpn, long fabric) {
        return hba(name, HBA_PARENT, wwnn, wwpn, fabric);
    }

    /** A vport-capable HBA as libvirt reports it: no port state, vport counts 0 (capacity unknown). */
    public static Device hba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return device(name, parent, scsiHostCapability(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric))), new VportOps(0, 0));
    }

    /** The same HBA as sysfs reports it, Online, under {@value #HBA_PARENT}. */
    public static Device liveHba(String name, long wwnn, long wwpn, long fabric, int maxVports, int vportsInUse) {
        return liveHba(name, wwnn, wwpn, fabric, FcHost.ONLINE, maxVports, vportsInUse);
    }

    /** The same HBA as sysfs reports it: port state, speed {@value #SPEED} and live vport counts. */
    public static Device liveHba(String name, long wwnn, long wwpn, long fabric, String portState, int maxVports,
            int vportsInUse) {
        return device(name, HBA_PARENT, scsiHostCapability(name),
                new FcHost(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric)), Optional.of(portState),
                        Optional.of(SPEED)),
                new VportOps(maxVports, vportsInUse));
    }

    /** A vport-capable fc_host that is not logged into any fabric, under {@value #HBA_PARENT}. */
    public static Device hbaWithoutFabric(String name, long wwnn, long wwpn) {
        return device(name, HBA_PARENT, scsiHostCapability(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.empty()), new VportOps(0, 0));
    }

    /** A vHBA: an fc_host without vport_ops, under {@code parent}. */
    public static Device vhba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return vhba(name, Optional.of(parent), wwnn, wwpn, fabric);
    }

    /** A vHBA naming {@code parent}, or no parent at all. */
    public static Device vhba(String name, Optional<String> parent, long wwnn, long wwpn, long fabric) {
        return device(name, parent, scsiHostCapability(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric))));
    }

    /** A SCSI host that is not Fibre Channel, under the computer. */
    public static Device scsiHost(String name) {
        return device(name, "computer", scsiHostCapability(name));
    }

    /** A PCI function under the computer (a generic capability with two attributes). */
    public static Device pci(String name) {
        return device(name, "computer", new GenericCapability("pci",
                List.of(new Attribute("vendor@id", "0x8086"), new Attribute("product", "82801"))));
    }

    /** The machine itself, libvirt's {@code computer}: no parent, path or driver. */
    public static Device computer() {
        return new Device("computer", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(new GenericCapability("system", List.of(new Attribute("hardware/vendor", "Libvirt")))));
    }

    /** Any device under {@code parent} with these capabilities. */
    public static Device device(String name, String parent, Capability... capabilities) {
        return device(name, Optional.of(parent), capabilities);
    }

    /** Any device under {@code parent}, or under none, with these capabilities. */
    public static Device device(String name, Optional<String> parent, Capability... capabilities) {
        return new Device(name, parent, Optional.of("/sys/devices/pci0000:00/" + name), Optional.of(DRIVER),
                List.of(), List.of(capabilities));
    }

    private static ScsiHost scsiHostCapability(String name) {
        String digits = name.replaceAll("\\D", "");
        return new ScsiHost(digits.isEmpty() ? 0 : Integer.parseInt(digits), OptionalInt.empty());
    }
}
