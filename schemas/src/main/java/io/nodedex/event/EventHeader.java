package io.nodedex.event;

import io.nodedex.device.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * What every event carries: who observed it and where it stands in that observer's sequence.
 *
 * <p>{@code (incarnation, sequence)} orders the events of one host and source: an agent takes a
 * new, larger incarnation on every start and numbers its events 0, 1, 2, ... without gaps within
 * an incarnation. An event at or below what was already applied for its host and source is a
 * no-op (DESIGN rule 2).
 *
 * @param hostId the host's id (the Kafka record key)
 * @param incarnation the agent's incarnation, larger after every restart
 * @param sequence the event's number within the incarnation, from 0, without gaps
 * @param source the source that observed it
 * @param observedAt when the agent observed it (informational; never used for ordering)
 */
public record EventHeader(String hostId, long incarnation, long sequence, Source source,
        Instant observedAt) {

    public EventHeader {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        if (hostId.isBlank()) {
            throw new InvalidInputException("host id must not be blank");
        }
        if (incarnation < 0 || sequence < 0) {
            throw new InvalidInputException("incarnation and sequence must not be negative: incarnation "
                    + incarnation + ", sequence " + sequence + " (host " + hostId + ")");
        }
    }
}
