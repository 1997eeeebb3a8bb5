package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A vHBA ({@link Device#isVhba() an fc_host without vport_ops}) and the parent it names.
 *
 * @param hostId the host it is on
 * @param device the vHBA
 * @param parent its parent device's name, empty when it names none (an audit finding)
 */
public record Vhba(String hostId, Device device, Optional<String> parent) {

    /** The order of every list of these: by host id, then by natural device-name order. */
    public static final Comparator<Vhba> ORDER = Comparator.comparing(Vhba::hostId)
            .thenComparing(vhba -> vhba.device().name(), NaturalOrder.NAMES);

    public Vhba {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(parent, "parent");
    }
}
