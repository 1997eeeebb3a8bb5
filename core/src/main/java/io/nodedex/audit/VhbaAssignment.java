package io.nodedex.audit;

import io.nodedex.device.Device;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A vHBA ({@link Device#isVhba() an fc_host without vport_ops}) and what became of the parent it
 * names. The parent is looked up by name among the devices of the vHBA's own host.
 *
 * <p>Lists of assignments are in (host id, natural vHBA name) order. Immutable, so safe to share
 * between threads (the devices are immutable too).
 *
 * @param host the host the vHBA is on
 * @param vhba the vHBA
 * @param parentName the parent device name the vHBA carries, if any
 * @param status whether that parent is a usable NPIV parent
 * @param parent the parent device, present when the named device exists on the host
 */
public record VhbaAssignment(String host, Device vhba, Optional<String> parentName, ParentStatus status,
        Optional<Device> parent) {

    /** By host id, then by natural vHBA name: the order of every list of assignments. */
    static final Comparator<VhbaAssignment> ORDER = Comparator.comparing(VhbaAssignment::ref, DeviceRef.ORDER);

    public VhbaAssignment {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(vhba, "vhba");
        Objects.requireNonNull(parentName, "parentName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(parent, "parent");
    }

    /** What the named parent turned out to be. */
    public enum ParentStatus {
        /** The parent exists on the host and is vport capable. */
        OK("ok"),
        /** The vHBA names no parent. */
        NONE("none"),
        /** No device of the host has the parent's name: the parent is gone. */
        MISSING("missing"),
        /** The named device exists but cannot parent vports (no fc_host, or no vport_ops). */
        NOT_VPORT_CAPABLE("not_vport_capable");

        private final String wireName;

        ParentStatus(String wireName) {
            this.wireName = wireName;
        }

        /** The name in JSON answers, e.g. {@code not_vport_capable}. */
        public String wireName() {
            return wireName;
        }
    }

    /** The vHBA as a reference. */
    public DeviceRef ref() {
        return new DeviceRef(host, vhba.name());
    }

    /**
     * Every vHBA of {@code hosts} with its parent, by host id, then by natural vHBA name. A pure
     * function: the order of the hosts and of their devices does not matter.
     *
     * @param hosts every device of each host (all of them, so that parents can be found), by host
     *     id, in any order
     * @throws IllegalArgumentException when one host lists a device name twice
     */
    public static List<VhbaAssignment> of(Map<String, List<Device>> hosts) {
        List<VhbaAssignment> assignments = new ArrayList<>();
        byName(hosts).forEach((host, byName) -> byName.values().stream()
                .filter(Device::isVhba)
                .forEach(vhba -> assignments.add(assign(host, vhba, vhba.parent().map(byName::get)))));
        assignments.sort(ORDER);
        return List.copyOf(assignments);
    }

    /**
     * The assignment of one vHBA, given what its parent name names on its host: the same
     * assignment {@link #of(Map)} makes for it from the whole host.
     *
     * @param host the host the vHBA is on
     * @param vhba the vHBA ({@link Device#isVhba()})
     * @param namedParent the device of {@code host} named as the vHBA's parent; empty when the
     *     vHBA names none or the host has no device of that name
     * @throws IllegalArgumentException when {@code vhba} is not a vHBA, or {@code namedParent} is
     *     not the device its parent name names
     */
    public static VhbaAssignment of(String host, Device vhba, Optional<Device> namedParent) {
        if (!vhba.isVhba()) {
            throw new IllegalArgumentException(host + "/" + vhba.name() + " is not a vHBA");
        }
        if (namedParent.isPresent() && !vhba.parent().equals(Optional.of(namedParent.get().name()))) {
            throw new IllegalArgumentException("vHBA " + host + "/" + vhba.name() + " names parent "
                    + vhba.parent().orElse("(none)") + ", not " + namedParent.get().name());
        }
        return assign(host, vhba, namedParent);
    }

    private static VhbaAssignment assign(String host, Device vhba, Optional<Device> parent) {
        Optional<String> parentName = vhba.parent();
        ParentStatus status;
        if (parentName.isEmpty()) {
            status = ParentStatus.NONE;
        } else if (parent.isEmpty()) {
            status = ParentStatus.MISSING;
        } else {
            status = parent.get().isVportCapable() ? ParentStatus.OK : ParentStatus.NOT_VPORT_CAPABLE;
        }
        return new VhbaAssignment(host, vhba, parentName, status, parent);
    }

    /** Each host's devices by name. */
    private static Map<String, Map<String, Device>> byName(Map<String, List<Device>> hosts) {
        Map<String, Map<String, Device>> byName = new LinkedHashMap<>();
        hosts.forEach((host, devices) -> {
            Map<String, Device> named = byName.computeIfAbsent(host, h -> new HashMap<>());
            for (Device device : devices) {
                if (named.putIfAbsent(device.name(), device) != null) {
                    throw new IllegalArgumentException("host " + host + " lists device " + device.name() + " twice");
                }
            }
        });
        return byName;
    }
}
