package io.nodedex.testkit.fleet;

import java.util.List;
import java.util.Objects;

/**
 * One generated hypervisor: its chassis, its physical FC ports and the vHBAs created on them.
 * {@link FleetFiles} writes it twice, as libvirt sees it (a test-driver host file) and as the
 * kernel shows it (a sysfs tree).
 *
 * @param id the host id, e.g. {@code hv01}
 * @param chassis the non-FC hardware
 * @param ports the physical ports in ascending host-number (and WWPN) order, {@code scsi_host1} up
 * @param vhbas the vHBAs in ascending host-number order, numbered after the ports
 */
public record SimulatedHost(String id, Chassis chassis, List<PhysicalPort> ports, List<VirtualPort> vhbas) {

    public SimulatedHost {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chassis, "chassis");
        ports = List.copyOf(ports);
        vhbas = List.copyOf(vhbas);
    }

    /** The vHBAs created on {@code port}, in vport order. */
    public List<VirtualPort> vhbasOf(PhysicalPort port) {
        return vhbas.stream().filter(vhba -> vhba.parentScsiHost() == port.scsiHost()).toList();
    }

    /** The physical port with this host number. */
    PhysicalPort port(int scsiHost) {
        return ports.stream().filter(port -> port.scsiHost() == scsiHost).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no physical port host" + scsiHost));
    }
}
