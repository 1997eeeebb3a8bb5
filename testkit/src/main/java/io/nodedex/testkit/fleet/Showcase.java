package io.nodedex.testkit.fleet;

import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Objects;

/**
 * What the generator planted so that every feature has something to show, whatever the seed.
 *
 * @param host the host with the NPIV story: on {@code fabric} its lowest-WWPN port is Linkdown
 *     (only sysfs says so), so the default policy chooses {@code lowestWwpnParent} and
 *     {@code most-free} chooses {@code mostFreeParent}; its only port on {@code fullFabric} is full
 * @param fabric a fabric with three of {@code host}'s ports
 * @param lowestWwpnParent the parent chosen on {@code fabric} by the default policy
 * @param mostFreeParent the parent chosen on {@code fabric} by {@code most-free}
 * @param fullFabric a fabric where {@code host} has no room: no parent qualifies
 * @param vhba a vHBA of {@code host}: naming it as a parent is a conflict
 * @param duplicateWwpn a WWPN that vHBAs of two hosts share
 * @param duplicateHosts the two hosts with {@code duplicateWwpn}, sorted
 * @param miscountedParent {@code host/name} of the port whose vport counter disagrees with its vHBAs
 */
public record Showcase(String host, Wwn fabric, String lowestWwpnParent, String mostFreeParent, Wwn fullFabric,
        String vhba, Wwn duplicateWwpn, List<String> duplicateHosts, String miscountedParent) {

    public Showcase {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fabric, "fabric");
        Objects.requireNonNull(lowestWwpnParent, "lowestWwpnParent");
        Objects.requireNonNull(mostFreeParent, "mostFreeParent");
        Objects.requireNonNull(fullFabric, "fullFabric");
        Objects.requireNonNull(vhba, "vhba");
        Objects.requireNonNull(duplicateWwpn, "duplicateWwpn");
        duplicateHosts = List.copyOf(duplicateHosts);
        Objects.requireNonNull(miscountedParent, "miscountedParent");
    }
}
