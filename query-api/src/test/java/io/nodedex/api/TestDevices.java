package io.nodedex.api;

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

/** Devices shaped as libvirt and sysfs report them, for the API's fixtures. */
public final class TestDevices {

    private TestDevices() {
    }

    /** A vport-capable HBA as libvirt's XML has it: no port state, vport counts 0 (capacity unknown). */
    public static Device hba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return device(name, Optional.of(parent), scsiHostCapability(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric))), new VportOps(0, 0));
    }

    /** The same HBA as sysfs has it: Online, 8 Gbit, live vport counts. */
    public static Device liveHba(String name, long wwnn, long wwpn, long fabric, int maxVports, int vports) {
        return device(name, Optional.of("pci_0000_05_00_0"), scsiHostCapability(name),
                new FcHost(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric)), Optional.of(FcHost.ONLINE),
                        Optional.of("8 Gbit")),
                new VportOps(maxVports, vports));
    }

    /** A vHBA: an fc_host without vport_ops, naming {@code parent}. */
    public static Device vhba(String name, Optional<String> parent, long wwnn, long wwpn, long fabric) {
        return device(name, parent, scsiHostCapability(name),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(fabric))));
    }

    public static Device vhba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return vhba(name, Optional.of(parent), wwnn, wwpn, fabric);
    }

    /** A SCSI host that is not Fibre Channel. */
    public static Device scsiHost(String name) {
        return device(name, Optional.of("computer"), scsiHostCapability(name));
    }

    public static Device pci(String name) {
        return device(name, Optional.of("computer"), new GenericCapability("pci",
                List.of(new Attribute("vendor@id", "0x8086"), new Attribute("product", "82801"))));
    }

    public static Device computer() {
        return new Device("computer", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(new GenericCapability("system", List.of(new Attribute("hardware/vendor", "Libvirt")))));
    }

    private static Device device(String name, Optional<String> parent, Capability... capabilities) {
        return new Device(name, parent, Optional.of("/sys/devices/pci0000:00/" + name), Optional.of("lpfc"),
                List.of(), List.of(capabilities));
    }

    private static ScsiHost scsiHostCapability(String name) {
        return new ScsiHost(Integer.parseInt(name.replaceAll("\\D", "")), OptionalInt.empty());
    }
}
