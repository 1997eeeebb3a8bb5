package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change feed ({@code GET /v1/changes}) as a client follows it: long polls, each resuming at
 * the cursor the one before gave, so nothing is missed or seen twice between them. Confined to
 * one thread.
 */
final class ChangeFeed {

    /** The longest wait of one long poll: inside the client's request timeout. */
    static final Duration POLL = Duration.ofSeconds(25);

    private final ApiClient client;
    private final Map<String, String> filter;
    private String cursor;

    private ChangeFeed(ApiClient client, Map<String, String> filter, String cursor) {
        this.client = client;
        this.filter = filter;
        this.cursor = cursor;
    }

    /**
     * The feed of {@code host}'s and {@code wwpn}'s changes (either may be empty), from
     * {@code since}, or from now.
     *
     * @throws Answered when the server refuses (bad filter, gone cursor, not ready)
     */
    static ChangeFeed open(ApiClient client, Optional<String> host, Optional<String> wwpn, Optional<String> since) {
        Map<String, String> filter = new LinkedHashMap<>();
        host.ifPresent(h -> filter.put("host", h));
        wwpn.ifPresent(w -> filter.put("wwpn", w));
        if (since.isPresent()) {
            return new ChangeFeed(client, filter, since.get());
        }
        ApiClient.Answer now = client.get(List.of("v1", "changes"), filter);
        if (now.exitCode() != ExitCodes.OK) {
            throw new Answered(now);
        }
        return new ChangeFeed(client, filter, now.body().path("next").asText());
    }

    /**
     * The changes after the cursor, waiting up to {@code wait} (at most {@link #POLL}) for one;
     * empty when none came.
     *
     * @throws Answered when the server refuses
     */
    List<JsonNode> next(Duration wait) {
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("since", cursor);
        long millis = Math.min(Math.max(wait.toMillis(), 0), POLL.toMillis());
        query.put("wait", millis + "ms");
        ApiClient.Answer answer = client.get(List.of("v1", "changes"), query);
        if (answer.exitCode() != ExitCodes.OK) {
            throw new Answered(answer);
        }
        cursor = answer.body().path("next").asText();
        List<JsonNode> changes = new ArrayList<>();
        answer.body().path("changes").forEach(changes::add);
        return changes;
    }

    /** The cursor to resume at. */
    String cursor() {
        return cursor;
    }

    /** The server refused a request of the feed: its answer. */
    static final class Answered extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiClient.Answer answer;

        Answered(ApiClient.Answer answer) {
            super(answer.errorMessage().orElse("status " + answer.status()), null, false, false);
            this.answer = answer;
        }

        ApiClient.Answer answer() {
            return answer;
        }
    }
}
