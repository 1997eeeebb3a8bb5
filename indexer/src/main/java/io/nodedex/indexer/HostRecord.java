package io.nodedex.indexer;

import java.time.Instant;
import java.util.Objects;

/**
 * What the {@link Table#HOSTS} table keeps per host: its id (so a host-key collision is
 * detected) and the latest {@code observedAt} of any event applied for it. The maximum is taken,
 * so the value does not depend on the order events arrive in.
 */
record HostRecord(String hostId, Instant lastSeen) {
    HostRecord {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    HostRecord seenAt(Instant observedAt) {
        return observedAt.isAfter(lastSeen) ? new HostRecord(hostId, observedAt) : this;
    }
}
