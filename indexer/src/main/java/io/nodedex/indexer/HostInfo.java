package io.nodedex.indexer;

import java.time.Instant;
import java.util.Objects;

/**
 * A host the indexer has applied events for.
 *
 * @param hostId the host's id
 * @param lastSeen the latest {@code observedAt} of any event applied for it (heartbeats included)
 */
public record HostInfo(String hostId, Instant lastSeen) {
    public HostInfo {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
