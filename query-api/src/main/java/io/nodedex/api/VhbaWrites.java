package io.nodedex.api;

import io.nodedex.indexer.VhbaRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What the vHBA routes work with: the replica's folded requests, and, on a server that takes
 * requests, the publisher of its signed records and the hosts' timeout.
 *
 * @param requests the requests as the replica folded them; empty on a server built over a reader alone
 * @param publisher empty on a server without a command key: writes answer 503 {@code writes_disabled}
 */
record VhbaWrites(Optional<VhbaRequests> requests, Optional<VhbaPublisher> publisher, Duration timeout, Clock clock) {

    static VhbaWrites none() {
        return new VhbaWrites(Optional.empty(), Optional.empty(), CommandSettings.DEFAULT_TIMEOUT, Clock.systemUTC());
    }
}
