package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A client command: one {@code GET} to the server ({@link ClientOptions}) (a list command
 * follows the pages of its list, {@link ListCommand}), its answer printed as a table for people
 * or, with {@code --json}, as the server's JSON document, and an exit code from the status
 * ({@link ApiClient.Answer#exitCode()}). An error answer
 * ({@code {"error": ...}}) prints only its message, on standard error; a refusal (401, 403) says
 * so, and exits {@link ExitCodes#DENIED}. An answer that is not an
 * error but not a success either (no NPIV parent qualifies: 404; the named one cannot be one:
 * 409) prints like a success, and its {@code message} goes to standard error. A command that can
 * also answer offline ({@code audit} over host files) overrides {@link #call()} and prints its
 * answer with {@link #print}, so both ways print alike.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions server;

    /** The unescaped path segments of the request, e.g. {@code v1}, {@code wwpn}, the WWPN. */
    abstract List<String> path();

    /** The query parameters of the request; none by default. */
    Map<String, String> query() {
        return Map.of();
    }

    /** Asks the server: one {@code GET} of {@link #path()} with {@link #query()}. */
    ApiClient.Answer ask(ApiClient client) {
        return client.get(path(), query());
    }

    /** Prints an answer that is not an error as a table. */
    abstract void printTable(JsonNode body, PrintWriter out);

    /** What to say on standard error about an answer that is not an error: its message unless it is a success. */
    Optional<String> warning(ApiClient.Answer answer) {
        return answer.exitCode() == ExitCodes.OK ? Optional.empty()
                : Optional.of(answer.body().path("message").asText());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri = server.serverUri();
        ApiClient.Answer answer;
        try {
            answer = ask(server.client());
        } catch (ApiClient.Failure e) {
            err.println("nodedex: " + e.getMessage());
            return e.exitCode();
        }
        Optional<String> error = answer.errorMessage();
        if (error.isPresent()) {
            err.println("nodedex: " + refusal(answer, uri) + error.get() + hint(answer));
            return answer.exitCode();
        }
        print(answer.body(), out);
        warning(answer).filter(message -> !message.isBlank()).ifPresent(message -> err.println("nodedex: " + message));
        return answer.exitCode();
    }

    private static String refusal(ApiClient.Answer answer, URI uri) {
        if (answer.exitCode() == ExitCodes.UNAVAILABLE) {
            return "the nodedex server at " + uri + " is not ready: ";
        }
        return answer.exitCode() == ExitCodes.DENIED ? "the nodedex server at " + uri + " refused the request ("
                + answer.status() + "): " : "";
    }

    private String hint(ApiClient.Answer answer) {
        return answer.status() == 401 && !server.hasToken()
                ? ". Give a token with --token or " + ClientOptions.TOKEN_VARIABLE : "";
    }

    /** Prints an answer that is not an error: as a table, or with {@code --json} as the JSON document. */
    final void print(JsonNode body, PrintWriter out) {
        if (server.json) {
            JsonOutput.print(out, body);
        } else {
            printTable(body, out);
        }
    }

    /** The text of a JSON field, empty when missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
