package io.nodedex.npiv;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Test fixtures: fc_host devices as libvirt and sysfs describe them, and a few devices without
 * fc_host. Public for the tests of the packages that reason about fc_hosts (NPIV, the audit).
 * core keeps its own fixtures (this class, {@link RandomHosts}, the benchmarks'
 * {@code BenchmarkHost}, and the literal sysfs trees of {@code SysfsTreeTest}): its tests cannot
 * use the testkit module, which depends on core; every other module's tests build devices with
 * testkit's {@code Devices}.
 */
public final class FcDevices {

    private FcDevices() {
    }

    /** An fc_host named {@code name} (e.g. {@code scsi_host5}); a vHBA until given vport_ops. */
    public static Builder fcHost(String name) {
        return new Builder(name);
    }

    /** A device without fc_host, like libvirt's {@code computer}. */
    static Device computer() {
        return new Device("computer", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(new GenericCapability("system", List.of())));
    }

    /** A SCSI host that is not Fibre Channel (no fc_host), under {@code computer}. */
    public static Device scsiHost(String name) {
        return new Device(name, Optional.of("computer"), Optional.empty(), Optional.empty(), List.of(),
                List.of(new ScsiHost(Builder.hostNumber(name), OptionalInt.empty())));
    }

    /** A PCI device (no fc_host), under {@code computer}. */
    public static Device pci(String name) {
        return new Device(name, Optional.of("computer"), Optional.empty(), Optional.empty(), List.of(),
                List.of(new GenericCapability("pci", List.of(new Attribute("vendor@id", "0x8086")))));
    }

    /**
     * The fc_host devices of libvirt's {@code test:///default} (as {@code virsh nodedev-dumpxml}
     * prints them) and its {@code computer}: scsi_host1 and scsi_host2 vport capable with
     * max_vports 0, scsi_host11 a vHBA under scsi_host1 on scsi_host1's fabric.
     */
    static List<Device> libvirtTestDefault() {
        return List.of(
                computer(),
                fcHost("scsi_host1").parent("computer")
                        .wwns("2000000012341234", "1000000012341234").fabric("2000000043214321")
                        .vports(0, 0).build(),
                fcHost("scsi_host2").parent("computer")
                        .wwns("2000000056785678", "1000000056785678").fabric("2000000087658765")
                        .vports(0, 0).build(),
                fcHost("scsi_host11").parent("scsi_host1")
                        .wwns("2000000034563456", "1000000034563456").fabric("2000000043214321")
                        .build());
    }

    /** A builder of one fc_host device. Not thread-safe; tests only. */
    public static final class Builder {
        private final String name;
        private Optional<String> parent = Optional.empty();
        private Wwn wwnn = new Wwn(0x2000_0000_0000_0001L);
        private Wwn wwpn = new Wwn(0x1000_0000_0000_0001L);
        private Optional<Wwn> fabric = Optional.empty();
        private Optional<String> portState = Optional.empty();
        private Optional<VportOps> vportOps = Optional.empty();

        private Builder(String name) {
            this.name = name;
        }

        public Builder parent(String parentName) {
            this.parent = Optional.of(parentName);
            return this;
        }

        /** Node and port names, in any form {@link Wwn#parse} accepts. */
        public Builder wwns(String nodeName, String portName) {
            this.wwnn = Wwn.parse(nodeName);
            this.wwpn = Wwn.parse(portName);
            return this;
        }

        /** Node and port names as numbers. */
        public Builder wwns(long nodeName, long portName) {
            this.wwnn = new Wwn(nodeName);
            this.wwpn = new Wwn(portName);
            return this;
        }

        public Builder fabric(String fabricName) {
            this.fabric = Optional.of(Wwn.parse(fabricName));
            return this;
        }

        public Builder fabric(long fabricName) {
            this.fabric = Optional.of(new Wwn(fabricName));
            return this;
        }

        public Builder portState(String state) {
            this.portState = Optional.of(state);
            return this;
        }

        public Builder online() {
            return portState(FcHost.ONLINE);
        }

        /** Makes it vport capable: {@code inUse} of {@code max} vports (max 0: capacity unknown). */
        public Builder vports(int inUse, int max) {
            this.vportOps = Optional.of(new VportOps(max, inUse));
            return this;
        }

        public Device build() {
            List<Capability> caps = new ArrayList<>();
            caps.add(new ScsiHost(hostNumber(name), OptionalInt.empty()));
            caps.add(new FcHost(wwnn, wwpn, fabric, portState, Optional.empty()));
            vportOps.ifPresent(caps::add);
            return new Device(name, parent, Optional.empty(), Optional.empty(), List.of(), caps);
        }

        private static int hostNumber(String name) {
            String digits = name.replaceAll("^\\D*", "");
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }
    }
}
