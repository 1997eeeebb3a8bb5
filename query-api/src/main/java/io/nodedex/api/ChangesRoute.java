package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.indexer.Change;
import io.nodedex.indexer.ChangeCursor;
import io.nodedex.indexer.ChangeFilter;
import io.nodedex.indexer.ChangePage;
import io.nodedex.indexer.ChangesGoneException;
import io.nodedex.indexer.IndexReader;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /v1/changes}: the change feed (docs/design.md, "Watching changes"). With
 * {@code Accept: text/event-stream}, Server-Sent Events for as long as the connection lasts
 * ({@link ChangeStream}); otherwise one page of JSON, at once or, with {@code wait}, as soon as a
 * change comes ({@link ChangePoll}). {@code since} is a cursor the feed gave (or, for a stream,
 * the {@code Last-Event-ID} the browser sends back); without it the feed starts now. A cursor
 * older than the changes kept is {@code 410 Gone}. Stateless; any thread.
 */
final class ChangesRoute {

    static final String PATH = "/v1/changes";
    static final String SINCE = "since";
    static final String HOST = "host";
    static final String WWPN = "wwpn";
    static final String LIMIT = "limit";
    static final String WAIT = "wait";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    /** The longest long poll: inside the server's default idle timeout (60 s). */
    static final Duration MAX_WAIT = Duration.ofSeconds(50);
    static final String EVENT_STREAM = "text/event-stream";

    private final IndexReader reader;
    private final ChangeWatchers watchers;

    ChangesRoute(IndexReader reader, ChangeWatchers watchers) {
        this.reader = reader;
        this.watchers = watchers;
    }

    List<Route> routes() {
        return List.of(Route.get(PATH, Execution.EVENT_LOOP, Access.LIVE, Role.READ, this::changes, SINCE, HOST, WWPN,
                LIMIT, WAIT));
    }

    private ApiResponse changes(ApiRequest request) {
        ChangeFilter filter = new ChangeFilter(request.nonBlankQuery(HOST), request.nonBlankQuery(WWPN).map(text -> {
            try {
                return Wwn.parse(text);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("query parameter " + WWPN + ": " + e.getMessage(), e);
            }
        }));
        int limit = limit(request);
        boolean stream = request.header("accept").map(accept -> accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM))
                .orElse(false);
        Optional<String> since = request.nonBlankQuery(SINCE)
                .or(() -> stream ? request.header("last-event-id").filter(id -> !id.isBlank()) : Optional.empty());
        ChangeCursor cursor = since.map(ChangesRoute::cursor).orElseGet(reader::changeCursorNow);
        if (stream) {
            if (request.query(WAIT).isPresent()) {
                throw new InvalidInputException("query parameter " + WAIT + " is for the JSON long poll; an event "
                        + "stream waits as long as the connection lasts");
            }
            ChangePage first = page(reader, cursor, filter, limit);
            return ApiResponse.continued(new ChangeStream(reader, watchers, first, filter, limit));
        }
        Duration wait = request.nonBlankQuery(WAIT).map(ChangesRoute::waitOf).orElse(Duration.ZERO);
        ChangePage page = page(reader, cursor, filter, limit);
        if (!page.changes().isEmpty() || wait.isZero()) {
            return ApiResponse.ok(json(page));
        }
        return ApiResponse.continued(new ChangePoll(reader, watchers, page.next(), filter, limit, wait));
    }

    /** A page of the feed; a cursor older than the changes kept is {@code 410 Gone}. */
    static ChangePage page(IndexReader reader, ChangeCursor cursor, ChangeFilter filter, int limit) {
        try {
            return reader.changes(cursor, filter, limit);
        } catch (ChangesGoneException e) {
            throw new ApiException(ErrorCode.GONE, e.getMessage());
        }
    }

    private static ChangeCursor cursor(String text) {
        try {
            return ChangeCursor.parse(text);
        } catch (InvalidInputException e) {
            throw new ApiException(ErrorCode.BAD_CURSOR, "query parameter " + SINCE + ": " + e.getMessage());
        }
    }

    private static int limit(ApiRequest request) {
        Optional<String> text = request.nonBlankQuery(LIMIT);
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InvalidInputException("query parameter " + LIMIT + ": '" + text.get() + "' is not a whole number "
                + "from 1 to " + MAX_LIMIT);
    }

    /** {@code 30s}, {@code 500ms}, {@code 1m} or a number of seconds; at most {@link #MAX_WAIT}. */
    static Duration waitOf(String text) {
        Duration wait;
        try {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                wait = Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            } else if (lower.endsWith("s")) {
                wait = Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)));
            } else if (lower.endsWith("m")) {
                wait = Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1)));
            } else {
                wait = Duration.ofSeconds(Long.parseLong(lower));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            wait = null;
        }
        if (wait == null || wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new InvalidInputException("query parameter " + WAIT + ": '" + text + "' is not a time from 0 to "
                    + MAX_WAIT.toSeconds() + "s such as 30s, 500ms or 30");
        }
        return wait;
    }

    /** {@code {"changes": [...], "next": cursor}}. */
    static ObjectNode json(ChangePage page) {
        ObjectNode body = Json.object();
        ArrayNode changes = body.putArray("changes");
        page.changes().forEach(change -> changes.add(json(change)));
        body.put("next", page.next().text());
        return body;
    }

    /** One change: its cursor, time, host, kind ({@code device} or {@code host}), device name and what happened. */
    static ObjectNode json(Change change) {
        ObjectNode node = Json.object();
        node.put("cursor", change.cursor().text());
        node.put("time", change.time().toString());
        node.put("host", change.hostId());
        node.put("kind", change.name().isPresent() ? "device" : "host");
        change.name().ifPresent(name -> node.put("name", name));
        node.put("change", change.kind().name().toLowerCase(Locale.ROOT));
        return node;
    }
}
