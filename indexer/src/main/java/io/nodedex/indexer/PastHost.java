package io.nodedex.indexer;

import java.time.Instant;
import java.util.Objects;

/**
 * A host as it was at a past time ({@link PastState#host}). Heartbeats are not versioned, so what
 * is known of its liveness then is limited: see {@code silentSince}.
 *
 * @param hostId the host's id
 * @param lastSeen the latest time at or before the past time the replica knows the host was
 *     heard from: its last event of all when that came at or before the past time, otherwise its
 *     newest device version then (it may have been heard from later, by heartbeats or unchanged
 *     re-sends, which leave no version)
 * @param silentSince whether {@code lastSeen} is the host's last event of all, so the host was
 *     certainly silent from then through the past time; false when it was heard from after the
 *     past time, or was retired since (its record is gone)
 */
public record PastHost(String hostId, Instant lastSeen, boolean silentSince) {

    public PastHost {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
