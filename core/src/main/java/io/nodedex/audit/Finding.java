package io.nodedex.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One problem the {@link Audit} found in the inventory. Immutable, so safe to share between
 * threads.
 *
 * @param kind what is wrong
 * @param message one line naming the devices and the numbers involved
 * @param devices every device involved, sorted by host id, then by natural name
 */
public record Finding(Kind kind, String message, List<DeviceRef> devices) {

    /**
     * The total order of findings: by {@link Kind} (declaration order), then by the device lists
     * compared element by element in {@link DeviceRef#ORDER} (a shorter prefix first), then by
     * message.
     */
    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::kind)
            .thenComparing(Finding::devices, Finding::compareDevices)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        devices = devices.stream().sorted(DeviceRef.ORDER).toList();
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a finding names at least one device: " + message);
        }
    }

    private static int compareDevices(List<DeviceRef> a, List<DeviceRef> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byDevice = DeviceRef.ORDER.compare(a.get(i), b.get(i));
            if (byDevice != 0) {
                return byDevice;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** What a finding is about, in the order findings are listed. */
    public enum Kind {
        /** Two or more fc_hosts datacenter-wide share one WWPN. */
        DUPLICATE_WWPN("duplicate_wwpn"),
        /**
         * A vHBA whose parent is gone: it names none, the named device is not on its host, or that
         * device is not vport capable.
         */
        VHBA_WITHOUT_PARENT("vhba_without_parent"),
        /** A parent with more vports in use than its known maximum. */
        PARENT_OVER_CAPACITY("parent_over_capacity"),
        /** A vHBA logged into another fabric than its parent. */
        FABRIC_MISMATCH("fabric_mismatch"),
        /** A parent whose vport counter differs from the number of vHBAs that name it. */
        VPORT_COUNT_MISMATCH("vport_count_mismatch");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name in JSON answers, e.g. {@code duplicate_wwpn}. */
        public String wireName() {
            return wireName;
        }
    }
}
