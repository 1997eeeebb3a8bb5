package io.nodedex.agent;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Numbers the events of one agent incarnation: each source's events get 0, 1, 2, ... without
 * gaps, as the indexer tracks them per host and source (docs/design.md, "Idempotent apply").
 *
 * <p>Not thread-safe: only the publisher thread uses it, so numbers follow the order of sending.
 */
final class Sequencer {

    private final String hostId;
    private final long incarnation;
    private final Map<Source, Long> next = new EnumMap<>(Source.class);

    Sequencer(String hostId, long incarnation) {
        this.hostId = hostId;
        this.incarnation = incarnation;
    }

    /** The event with the next sequence number of {@code source}. */
    Event stamp(Source source, Payload payload, Instant observedAt) {
        long sequence = next.getOrDefault(source, 0L);
        next.put(source, sequence + 1);
        return new Event(new EventHeader(hostId, incarnation, sequence, source, observedAt), payload);
    }
}
