package io.nodedex.device;

/**
 * The {@code vport_ops} capability: this fc_host can create NPIV virtual ports (sysfs: the
 * {@code vport_create} file exists). {@code maxVports} and {@code vports} are the kernel's
 * {@code max_npiv_vports} and {@code npiv_vports_inuse}.
 *
 * <p>A {@code maxVports} of 0 means the source did not report the capacity: libvirt's test
 * driver and libvirt's XML parser always say 0. Such a parent's capacity is unknown, not zero.
 */
public record VportOps(int maxVports, int vports) implements Capability {

    public static final String TYPE = "vport_ops";

    public VportOps {
        if (maxVports < 0 || vports < 0) {
            throw new InvalidInputException(
                    "vport counts must not be negative: max_vports " + maxVports + ", vports " + vports);
        }
    }

    /** Whether the source reported how many vports this port can hold. */
    public boolean capacityKnown() {
        return maxVports > 0;
    }

    /** Free vports when the capacity is known, else 0. Never negative. */
    public int freeVports() {
        return capacityKnown() ? Math.max(0, maxVports - vports) : 0;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
