package io.nodedex.event;

import io.nodedex.device.InvalidInputException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What every event carries: who observed it and where it stands in that observer's sequence.
 *
 * <p>{@code (incarnation, sequence)} orders the events of one host and source: an agent takes a
 * new, larger incarnation on every start and numbers its events 0, 1, 2, ... without gaps within
 * an incarnation. An event at or below what was already applied for its host and source is a
 * no-op (docs/design.md, "Idempotent apply").
 *
 * @param hostId the host's id: the first part of every record key ({@code EventKey})
 * @param incarnation the agent's incarnation, larger after every restart
 * @param sequence the event's number within the incarnation, from 0, without gaps
 * @param source the source that observed it
 * @param observedAt when the agent observed it (informational; never used for ordering), kept to
 *     the microsecond: finer digits are dropped, as the event log carries microseconds
 * @throws InvalidInputException when the host id is blank or holds a zero character (the key
 *     separator), a number is negative, or
 *     {@code observedAt} lies outside the microseconds a signed 64-bit number can count from the
 *     epoch (about 290,000 years either side)
 */
public record EventHeader(String hostId, long incarnation, long sequence, Source source,
        Instant observedAt) {

    /** The range of microseconds since the epoch that a signed 64-bit number counts. */
    private static final Instant EARLIEST_OBSERVED_AT = Instant.EPOCH.plus(Long.MIN_VALUE, ChronoUnit.MICROS);
    private static final Instant LATEST_OBSERVED_AT = Instant.EPOCH.plus(Long.MAX_VALUE, ChronoUnit.MICROS);

    public EventHeader {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        observedAt = observedAt.truncatedTo(ChronoUnit.MICROS);
        if (hostId.isBlank()) {
            throw new InvalidInputException("host id must not be blank");
        }
        if (hostId.indexOf('\0') >= 0) {
            throw new InvalidInputException("host id must not contain a zero character: '"
                    + hostId.replace('\0', '?') + "'");
        }
        if (incarnation < 0 || sequence < 0) {
            throw new InvalidInputException("incarnation and sequence must not be negative: incarnation "
                    + incarnation + ", sequence " + sequence + " (host " + hostId + ")");
        }
        if (observedAt.isBefore(EARLIEST_OBSERVED_AT) || observedAt.isAfter(LATEST_OBSERVED_AT)) {
            throw new InvalidInputException("observedAt " + observedAt
                    + " is outside the range the event log carries, " + EARLIEST_OBSERVED_AT + " to "
                    + LATEST_OBSERVED_AT + " (host " + hostId + ")");
        }
    }
}
