package io.nodedex.indexer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A time an fc_host held a port name, without a break (docs/design.md, "History is state").
 * Immutable.
 *
 * @param hostId the host of the fc_host
 * @param name the fc_host's device name
 * @param from when it began to hold the WWPN (or the oldest version kept, when older ones were pruned)
 * @param to when it stopped (went, or took another WWPN); empty while it still holds it
 */
public record WwpnHolding(String hostId, String name, Instant from, Optional<Instant> to) {

    public WwpnHolding {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
