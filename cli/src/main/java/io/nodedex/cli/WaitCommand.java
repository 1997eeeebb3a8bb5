package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex wait --host H --wwpn W [--gone]}: for automation that created (or destroyed) a
 * vHBA and must wait until the inventory shows it. Looks at the state, then follows the change
 * feed of that host and port name ({@link ChangeFeed}), opened before the first look so no change
 * between the two is missed, and looks again after each change. Exits {@link ExitCodes#OK} once
 * host H holds (with {@code --gone}: no longer holds) port name W, {@link ExitCodes#TIMED_OUT}
 * after {@code --timeout}.
 */
@Command(name = "wait", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Wait until a host holds an HBA or vHBA with this port name (or, with --gone, no longer does).")
final class WaitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions server;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "The host id.")
    String host;

    @Option(names = "--wwpn", required = true, paramLabel = "WWPN", description = "The port name, 0x or not, either case.")
    String wwpn;

    @Option(names = "--gone", description = "Wait until the host no longer holds it.")
    boolean gone;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Give up after this long (exit 7); e.g. 30s, 5m. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            ApiClient client = server.client();
            ChangeFeed feed = ChangeFeed.open(client, Optional.of(host), Optional.of(wwpn), Optional.empty());
            while (true) {
                Optional<String> held = heldBy(client);
                if (held.isPresent() != gone) {
                    out.println(gone ? host + " no longer holds " + wwpn
                            : host + " holds " + wwpn + " (" + held.get() + ")");
                    out.flush();
                    return ExitCodes.OK;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    err.println("nodedex: timed out after " + timeout.toSeconds() + " s: " + host
                            + (gone ? " still holds " : " does not hold ") + wwpn);
                    return ExitCodes.TIMED_OUT;
                }
                List<JsonNode> changes;
                do {
                    changes = feed.next(Duration.ofNanos(deadline - System.nanoTime()));
                } while (changes.isEmpty() && System.nanoTime() < deadline);
            }
        } catch (ApiClient.Failure e) {
            err.println("nodedex: " + e.getMessage());
            return e.exitCode();
        } catch (ChangeFeed.Answered e) {
            err.println("nodedex: " + e.getMessage());
            return e.answer().exitCode();
        }
    }

    /** The name of the device of {@link #host} that holds {@link #wwpn} now, if one does. */
    private Optional<String> heldBy(ApiClient client) {
        ApiClient.Answer answer = client.get(List.of("v1", "wwpn", wwpn), Map.of());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.exitCode() != ExitCodes.OK) {
            throw new ChangeFeed.Answered(answer);
        }
        for (JsonNode match : answer.body().path("matches")) {
            if (host.equals(match.path("host").asText())) {
                return Optional.of(match.path("device").path("name").asText());
            }
        }
        return Optional.empty();
    }
}
