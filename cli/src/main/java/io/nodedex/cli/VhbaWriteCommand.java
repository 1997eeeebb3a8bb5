package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What {@code nodedex vhba create} and {@code delete} share: {@code --wait}, and how an answer
 * prints. The exit code follows the status: 0 done or still going (202: the status URL is
 * printed), 2 bad input, 3 not found, 4 conflict, 1 when the host failed or did not answer.
 */
abstract class VhbaWriteCommand extends ClientCommand {

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the server waits for the outcome before answering that it is still going"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration wait;

    /** The {@code wait} query parameter. */
    String waitParameter() {
        return wait.toMillis() + "ms";
    }

    /** How long the client waits for the server's answer: the server's wait and some. */
    Duration timeout() {
        return wait.plus(ApiClient.REQUEST_TIMEOUT);
    }

    @Override
    Optional<String> warning(ApiClient.Answer answer) {
        if (answer.status() == 202) {
            return Optional.of("not done yet: follow it with GET " + text(answer.body(), "status"));
        }
        return answer.exitCode() == ExitCodes.OK ? Optional.empty()
                : Optional.of(text(answer.body(), "reason").isEmpty() ? answer.body().path("error").path("message")
                        .asText() : text(answer.body(), "reason"));
    }

    @Override
    void printTable(JsonNode body, PrintWriter out) {
        if (body.has("state")) {
            out.println("request " + text(body, "requestId") + " on " + text(body, "host") + ": " + text(body, "state")
                    + (text(body, "name").isEmpty() ? "" : ", vHBA " + text(body, "name"))
                    + (text(body, "parent").isEmpty() ? "" : " under " + text(body, "parent")));
        } else {
            out.println("vHBA " + text(body, "name") + " on " + text(body, "host") + " under " + text(body, "parent")
                    + " (wwnn " + text(body, "wwnn") + ", wwpn " + text(body, "wwpn") + "), request "
                    + text(body, "requestId"));
        }
    }
}
