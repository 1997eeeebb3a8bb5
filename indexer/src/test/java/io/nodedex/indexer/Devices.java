package io.nodedex.indexer;

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

/** Test devices, shaped as libvirt and sysfs report them. */
final class Devices {

    private Devices() {
    }

    /** A vport-capable HBA as libvirt reports it: no port state, vport counts 0. */
    static Device hba(String name, long wwnn, long wwpn, long fabric) {
        return device(name, "pci_0000_05_00_0", scsiHost(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric))), new VportOps(0, 0));
    }

    /** The same HBA as sysfs reports it: live port state, speed and vport counts. */
    static Device liveHba(String name, long wwnn, long wwpn, long fabric, String portState, int max, int inUse) {
        return device(name, "pci_0000_05_00_0", scsiHost(name),
                new FcHost(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric)), Optional.of(portState),
                        Optional.of("8 Gbit")),
                new VportOps(max, inUse));
    }

    /** A vHBA: an fc_host without vport_ops, under {@code parent}. */
    static Device vhba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return device(name, parent, scsiHost(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric))));
    }

    /** An fc_host not logged into any fabric. */
    static Device hbaWithoutFabric(String name, long wwnn, long wwpn) {
        return device(name, "pci_0000_05_00_0", scsiHost(name), FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.empty()),
                new VportOps(0, 0));
    }

    static Device pci(String name) {
        return device(name, "computer",
                new GenericCapability("pci", List.of(new Attribute("vendor@id", "0x8086"), new Attribute("product", "X"))));
    }

    static Device device(String name, String parent, Capability... capabilities) {
        return new Device(name, Optional.of(parent), Optional.of("/sys/devices/" + name), Optional.of("drv"),
                List.of(new Attribute("devnode@type", "dev")), List.of(capabilities));
    }

    private static ScsiHost scsiHost(String name) {
        String digits = name.replaceAll("\\D", "");
        return new ScsiHost(digits.isEmpty() ? 0 : Integer.parseInt(digits), OptionalInt.empty());
    }
}
