package io.nodedex.indexer;

import io.nodedex.device.Device;
import java.util.Objects;
import java.util.Optional;

/**
 * A vHBA ({@link Device#isVhba() an fc_host without vport_ops}) and the parent it names. Lists of
 * these are by host id, then natural device-name order.
 *
 * @param hostId the host it is on
 * @param device the vHBA
 * @param parent its parent device's name, empty when it names none (an audit finding)
 */
public record Vhba(String hostId, Device device, Optional<String> parent) {

    public Vhba {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(parent, "parent");
    }
}
