package io.nodedex.audit;

import io.nodedex.audit.Finding.Kind;
import io.nodedex.audit.VhbaAssignment.ParentStatus;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks what the fleet says about WWNs, fabrics and vports, and lists what is wrong.
 *
 * <ul>
 *   <li>{@link Kind#DUPLICATE_WWPN}: fc_hosts (HBAs and vHBAs) on any hosts that share a WWPN;</li>
 *   <li>{@link Kind#VHBA_WITHOUT_PARENT}: a vHBA that names no parent, names a device its host
 *       does not have, or names a device that is not vport capable;</li>
 *   <li>{@link Kind#PARENT_OVER_CAPACITY}: a vport-capable parent of known capacity with more
 *       vports in use than its maximum ({@code vports > maxVports});</li>
 *   <li>{@link Kind#FABRIC_MISMATCH}: a vHBA whose fabric differs from its parent's (both
 *       known);</li>
 *   <li>{@link Kind#VPORT_COUNT_MISMATCH}: a parent of known capacity whose vport counter differs
 *       from the number of vHBAs of its host that name it. Parents of unknown capacity are
 *       skipped: their source (libvirt's XML) reports no counter at all, it always says 0.</li>
 * </ul>
 *
 * <p>A pure function of the devices: any order of the input gives the same findings, sorted by
 * kind (in {@link Kind}'s declaration order), then by their device lists (each sorted by host id,
 * then natural name) compared element by element, a shorter prefix first, then by message.
 * Stateless and safe from any thread.
 */
public final class Audit {

    private Audit() {
    }

    /**
     * The findings over {@code hosts}, in the order above; empty when all is well: the
     * {@link #duplicateWwpn duplicate WWPNs} across all hosts and the {@link #ofHost findings of
     * each host}.
     *
     * @param hosts every device of each host to audit (whole hosts), by host id, in any order
     * @throws IllegalArgumentException when one host lists a device name twice
     */
    public static List<Finding> of(Map<String, List<Device>> hosts) {
        List<Finding> findings = new ArrayList<>();
        Map<Wwn, List<DeviceRef>> byWwpn = new TreeMap<>();
        hosts.forEach((host, devices) -> {
            for (Device device : devices) {
                device.fcHost().ifPresent(fc -> byWwpn.computeIfAbsent(fc.wwpn(), w -> new ArrayList<>())
                        .add(new DeviceRef(host, device.name())));
            }
        });
        byWwpn.forEach((wwpn, users) -> duplicateWwpn(wwpn, users).ifPresent(findings::add));
        hosts.forEach((host, devices) -> findings.addAll(ofHost(host, devices)));
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    /**
     * The findings confined to one host, every kind but {@link Kind#DUPLICATE_WWPN} (which looks
     * across hosts), in the order above. What {@link #of} finds for a host is exactly this plus
     * the duplicate WWPNs its fc_hosts take part in.
     *
     * <p>Only the host's vHBAs, its vport-capable devices and the devices its vHBAs name as
     * parents are looked at; other devices may be left out of {@code devices} without changing the
     * answer.
     *
     * @param host the host id
     * @param devices the host's devices, in any order
     * @throws IllegalArgumentException when {@code devices} lists a device name twice
     */
    public static List<Finding> ofHost(String host, List<Device> devices) {
        Map<String, Device> byName = new HashMap<>();
        Map<Optional<String>, List<Device>> families = new HashMap<>();
        for (Device device : devices) {
            if (byName.putIfAbsent(device.name(), device) != null) {
                throw new IllegalArgumentException("host " + host + " lists device " + device.name() + " twice");
            }
            if (device.isVhba()) {
                families.computeIfAbsent(device.parent(), name -> new ArrayList<>()).add(device);
            } else if (device.isVportCapable()) {
                families.computeIfAbsent(Optional.of(device.name()), name -> new ArrayList<>());
            }
        }
        List<Finding> findings = new ArrayList<>();
        families.forEach((parentName, vhbas) ->
                findings.addAll(ofFamily(host, parentName.map(byName::get), parentName, vhbas)));
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    /**
     * The findings of one family of a host: a parent name, the device of that name (if the host
     * has one) and every vHBA of the host that names it. Every finding of {@link #ofHost} belongs
     * to exactly one family (a vHBA's to the family of the parent it names; a vport-capable
     * device's to its own), so a host's findings are the union of its families' and a change to
     * some devices changes only the findings of the families they were or are in. The vHBAs that
     * name no parent make one family of their own, with {@code parentName} empty.
     *
     * @param host the host id
     * @param parent the device of {@code host} named {@code parentName}; empty when there is none
     * @param parentName the name the family's vHBAs name as their parent; empty for the vHBAs that
     *     name none
     * @param vhbas every vHBA of {@code host} that names {@code parentName} (all of them, for the
     *     vport count), in any order
     * @return the family's findings, in the order above
     * @throws IllegalArgumentException when {@code parent} is not named {@code parentName}, or one
     *     of {@code vhbas} is not a vHBA naming it
     */
    public static List<Finding> ofFamily(String host, Optional<Device> parent, Optional<String> parentName,
            List<Device> vhbas) {
        if (parent.isPresent() && !parentName.equals(Optional.of(parent.get().name()))) {
            throw new IllegalArgumentException("device " + host + "/" + parent.get().name()
                    + " is not the family's parent " + parentName.orElse("(none)"));
        }
        List<Finding> findings = new ArrayList<>();
        List<DeviceRef> children = new ArrayList<>();
        for (Device vhba : vhbas) {
            if (!vhba.isVhba() || !vhba.parent().equals(parentName)) {
                throw new IllegalArgumentException("device " + host + "/" + vhba.name()
                        + " is not a vHBA naming the family's parent " + parentName.orElse("(none)"));
            }
            VhbaAssignment assignment = VhbaAssignment.of(host, vhba, parent);
            orphan(assignment).ifPresent(findings::add);
            fabricMismatch(assignment).ifPresent(findings::add);
            children.add(assignment.ref());
        }
        if (parent.isPresent() && parent.get().isVportCapable()) {
            VportOps ops = parent.get().vportOps().orElseThrow();
            DeviceRef ref = new DeviceRef(host, parent.get().name());
            children.sort(DeviceRef.ORDER);
            overCapacity(ref, ops).ifPresent(findings::add);
            countMismatch(ref, ops, children).ifPresent(findings::add);
        }
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    /**
     * The {@link Kind#DUPLICATE_WWPN} finding of one WWPN: present when two or more fc_hosts, on
     * any hosts, use it.
     *
     * @param wwpn the port name
     * @param users every fc_host with that port name, in any order, each once
     */
    public static Optional<Finding> duplicateWwpn(Wwn wwpn, Collection<DeviceRef> users) {
        if (users.size() < 2) {
            return Optional.empty();
        }
        List<DeviceRef> sorted = users.stream().sorted(DeviceRef.ORDER).toList();
        return Optional.of(new Finding(Kind.DUPLICATE_WWPN, "WWPN " + wwpn + " is used by " + sorted.size()
                + " fc_hosts: " + join(sorted), sorted));
    }

    private static Optional<Finding> orphan(VhbaAssignment assignment) {
        DeviceRef vhba = assignment.ref();
        String parent = assignment.parentName().orElse("");
        String host = assignment.host();
        if (assignment.status() == ParentStatus.NONE) {
            return Optional.of(new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA " + vhba + " names no parent",
                    List.of(vhba)));
        }
        if (assignment.status() == ParentStatus.MISSING) {
            return Optional.of(new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA " + vhba + " names parent " + parent
                    + ", which is not a device of host " + host, List.of(vhba)));
        }
        if (assignment.status() == ParentStatus.NOT_VPORT_CAPABLE) {
            Device device = assignment.parent().orElseThrow();
            String why = device.fcHost().isPresent() ? "an fc_host without vport_ops" : "it has no fc_host";
            return Optional.of(new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA " + vhba + " names parent " + parent
                    + ", which is not vport capable (" + why + ")", List.of(vhba, new DeviceRef(host, parent))));
        }
        return Optional.empty();
    }

    private static Optional<Finding> fabricMismatch(VhbaAssignment assignment) {
        if (assignment.status() != ParentStatus.OK) {
            return Optional.empty();
        }
        Device parent = assignment.parent().orElseThrow();
        Optional<Wwn> vhbaFabric = assignment.vhba().fcHost().flatMap(FcHost::fabricWwn);
        Optional<Wwn> parentFabric = parent.fcHost().flatMap(FcHost::fabricWwn);
        if (vhbaFabric.isEmpty() || parentFabric.isEmpty() || vhbaFabric.equals(parentFabric)) {
            return Optional.empty();
        }
        DeviceRef vhba = assignment.ref();
        return Optional.of(new Finding(Kind.FABRIC_MISMATCH, "vHBA " + vhba + " is on fabric " + vhbaFabric.get()
                + ", its parent " + parent.name() + " on fabric " + parentFabric.get(),
                List.of(vhba, new DeviceRef(assignment.host(), parent.name()))));
    }

    private static Optional<Finding> overCapacity(DeviceRef parent, VportOps ops) {
        if (!ops.capacityKnown() || ops.vports() <= ops.maxVports()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Kind.PARENT_OVER_CAPACITY, "parent " + parent + " has " + ops.vports()
                + " vports in use, over its maximum of " + ops.maxVports(), List.of(parent)));
    }

    /** {@code children}: the vHBAs that name {@code parent}, in {@link VhbaAssignment#of} order. */
    private static Optional<Finding> countMismatch(DeviceRef parent, VportOps ops, List<DeviceRef> children) {
        if (!ops.capacityKnown()) {
            return Optional.empty();
        }
        if (children.size() == ops.vports()) {
            return Optional.empty();
        }
        List<DeviceRef> involved = new ArrayList<>(children);
        involved.add(parent);
        String named = children.isEmpty() ? "no vHBA names it"
                : children.size() + (children.size() == 1 ? " vHBA names it: " : " vHBAs name it: ")
                        + children.stream().map(DeviceRef::name).collect(Collectors.joining(", "));
        return Optional.of(new Finding(Kind.VPORT_COUNT_MISMATCH, "parent " + parent + " reports " + ops.vports()
                + " vports in use, but " + named, involved));
    }

    private static String join(List<DeviceRef> devices) {
        return devices.stream().map(DeviceRef::toString).collect(Collectors.joining(", "));
    }
}
