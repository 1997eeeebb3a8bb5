package io.nodedex.indexer;

import io.nodedex.event.Event;
import io.nodedex.event.signing.PublicSigningKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as the log delivered it: who signed its record (checked, when this replica checks
 * signatures) and when the broker logged it.
 *
 * @param event the decoded event
 * @param signer the key whose valid signature the record carries; empty when unsigned or not checked
 * @param loggedAt the record's timestamp (the broker's append time on a topic nodedex created);
 *     empty when the record has none
 */
record Received(Event event, Optional<PublicSigningKey> signer, Optional<Instant> loggedAt) {

    Received {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(loggedAt, "loggedAt");
    }


    /** A record's timestamp in milliseconds as an instant; empty for Kafka's "no timestamp" (negative). */
    static Optional<Instant> timestamp(long millis) {
        return millis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
