package io.nodedex.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --as-of TIME} of the client commands whose route answers as it was at a past time (the
 * server's {@code asOf}, docs/design.md "History is state"): the time is passed on as given, and
 * the server refuses a malformed one, one in the future, or one before its history is complete.
 */
final class AsOfOption {

    static final String OPTION = "--as-of";

    @Option(names = OPTION, paramLabel = "TIME",
            description = "Answer as it was at TIME (RFC 3339, e.g. 2026-11-21T12:00:00Z), from the server's history.")
    Optional<String> asOf = Optional.empty();

    /** {@code query} with {@code asOf} added when the option is given. */
    Map<String, String> addTo(Map<String, String> query) {
        if (asOf.isEmpty()) {
            return query;
        }
        Map<String, String> all = new LinkedHashMap<>(query);
        all.put("asOf", asOf.get());
        return all;
    }
}
