package io.nodedex.cli;

import io.nodedex.cli.fleet.PhysicalPort;
import io.nodedex.cli.fleet.SimulatedHost;
import io.nodedex.cli.fleet.VirtualPort;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Fibre Channel devices of a simulated host as the inventory should show them, built from the
 * generator's model (not from its files): libvirt's names and WWNs, the fabric each port is
 * cabled to, the port state and vport counts the kernel reports. The oracle for NPIV answers.
 */
final class FleetTruth {

    private FleetTruth() {
    }

    static List<Device> fcDevices(SimulatedHost host) {
        List<Device> devices = new ArrayList<>();
        for (PhysicalPort port : host.ports()) {
            devices.add(device(port.name(), Optional.empty(), port.scsiHost(),
                    new FcHost(port.wwnn(), port.wwpn(), Optional.of(port.fabric()), Optional.of(port.portState()),
                            Optional.of(port.speed())),
                    Optional.of(new VportOps(port.maxVports(), port.vportsInUse()))));
        }
        for (VirtualPort vhba : host.vhbas()) {
            PhysicalPort parent = host.ports().stream().filter(p -> p.scsiHost() == vhba.parentScsiHost()).findFirst()
                    .orElseThrow();
            devices.add(device(vhba.name(), Optional.of(vhba.parentName()), vhba.scsiHost(),
                    new FcHost(vhba.wwnn(), vhba.wwpn(), Optional.of(vhba.fabric()), Optional.of(parent.portState()),
                            Optional.of(parent.speed())),
                    Optional.empty()));
        }
        return devices;
    }

    private static Device device(String name, Optional<String> parent, int host, FcHost fc, Optional<VportOps> ops) {
        List<Capability> capabilities = new ArrayList<>(List.of(new ScsiHost(host, OptionalInt.of(host)), fc));
        ops.ifPresent(capabilities::add);
        return new Device(name, parent, Optional.empty(), Optional.empty(), List.of(), capabilities);
    }
}
