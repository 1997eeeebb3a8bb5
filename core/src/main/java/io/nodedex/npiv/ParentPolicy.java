package io.nodedex.npiv;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.NaturalOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * How to order the accepted parents; the first one is chosen. Both orders are total (the device
 * name breaks the last tie), so the choice never depends on the order devices were listed in.
 */
public enum ParentPolicy {

    /** Lowest WWPN first (stable across reboots, unlike {@code scsi_hostN}), then name. */
    LOWEST_WWPN("lowest-wwpn", Comparator.comparing(Assessment::wwpn)
            .thenComparing(Assessment::name, NaturalOrder.NAMES)),

    /**
     * Most free vports first (a parent of unknown capacity counts as 0 free), then lowest WWPN,
     * then name.
     */
    MOST_FREE("most-free", Comparator.comparingInt(Assessment::freeVports).reversed()
            .thenComparing(Assessment::wwpn)
            .thenComparing(Assessment::name, NaturalOrder.NAMES));

    /** The policy used when the request names none. */
    public static final ParentPolicy DEFAULT = LOWEST_WWPN;

    private final String wireName;
    private final Comparator<Assessment> order;

    ParentPolicy(String wireName, Comparator<Assessment> order) {
        this.wireName = wireName;
        this.order = order;
    }

    /** The name used in queries, on the command line and in answers, e.g. {@code lowest-wwpn}. */
    public String wireName() {
        return wireName;
    }

    /** The order of accepted candidates under this policy, best first. */
    Comparator<Assessment> order() {
        return order;
    }

    /**
     * The policy with this wire name (exact match).
     *
     * @throws InvalidInputException naming the value and listing the valid names
     */
    public static ParentPolicy parse(String wireName) {
        return Arrays.stream(values())
                .filter(p -> p.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown policy '" + wireName
                        + "': valid policies are " + Arrays.stream(values())
                                .map(ParentPolicy::wireName).collect(Collectors.joining(", "))));
    }
}
