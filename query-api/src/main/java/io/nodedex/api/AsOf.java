package io.nodedex.api;

import io.nodedex.device.InvalidInputException;
import io.nodedex.indexer.IndexReader;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@value #PARAMETER} query parameter of the lookups that answer "as it was then"
 * (docs/design.md, "History is state"): an RFC 3339 time, neither in the future nor before the
 * replica's history is complete ({@link IndexReader#historyKeptFrom()}). Immutable; thread-safe.
 */
final class AsOf {

    static final String PARAMETER = "asOf";

    private final IndexReader reader;
    private final Clock clock;

    AsOf(IndexReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * The time the request asks about; empty when it asks about now.
     *
     * @throws InvalidInputException for a malformed time, one in the future, or one before the
     *     history is complete
     */
    Optional<Instant> of(ApiRequest request) {
        Optional<String> text = request.nonBlankQuery(PARAMETER);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(text.get()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("query parameter " + PARAMETER + ": '" + text.get()
                    + "' is not an RFC 3339 time such as 2026-11-21T12:00:00Z");
        }
        Instant now = clock.instant();
        if (time.isAfter(now)) {
            throw new InvalidInputException("query parameter " + PARAMETER + ": " + time + " is in the future (now is "
                    + now + ")");
        }
        Optional<Instant> keptFrom = reader.historyKeptFrom();
        if (keptFrom.isPresent() && time.isBefore(keptFrom.get())) {
            throw new InvalidInputException("query parameter " + PARAMETER + ": " + time
                    + " is before the history this replica keeps, which is complete from " + keptFrom.get());
        }
        return Optional.of(time);
    }

    /**
     * The filters of a paged list ({@link Paging#of}) with the time asked about, when there is
     * one: a cursor then continues only the list of the same time, and a cursor taken now or as of
     * another time is refused as one made for another query.
     */
    static Map<String, String> withTime(Map<String, String> filters, Optional<Instant> time) {
        if (time.isEmpty()) {
            return filters;
        }
        Map<String, String> all = new HashMap<>(filters);
        all.put(PARAMETER, time.get().toString());
        return all;
    }

    /** " as of TIME" for messages about a past time; empty for now. */
    static String suffix(Optional<Instant> time) {
        return time.map(then -> " as of " + then).orElse("");
    }
}
