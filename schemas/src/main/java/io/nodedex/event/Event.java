package io.nodedex.event;

import java.util.Objects;

/** One event of the log: a header and what happened. Keyed in Kafka by {@code header.hostId}. */
public record Event(EventHeader header, Payload payload) {
    public Event {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }
}
