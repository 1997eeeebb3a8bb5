package io.nodedex.indexer;

import io.nodedex.device.Wwn;
import java.util.Objects;
import java.util.Optional;

/**
 * Which changes a watcher wants. Immutable.
 *
 * @param hostId only this host's changes; empty for every host
 * @param wwpn only changes of the fc_host with this port name (the version's, or for a removal
 *     the port name it had); empty for every device
 */
public record ChangeFilter(Optional<String> hostId, Optional<Wwn> wwpn) {

    /** Every change. */
    public static final ChangeFilter ALL = new ChangeFilter(Optional.empty(), Optional.empty());

    public ChangeFilter {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(wwpn, "wwpn");
    }
}
