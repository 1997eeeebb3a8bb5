package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex watch}: follows the change feed ({@link ChangeFeed}) and prints each change as
 * one line of JSON, until interrupted (or, with {@code --until-idle}, until a long poll comes back
 * empty).
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print each change of the inventory as it happens, one JSON object per line (Ctrl-C to stop).")
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions server;

    @Option(names = "--host", paramLabel = "HOST", description = "Only this host's changes.")
    Optional<String> host;

    @Option(names = "--wwpn", paramLabel = "WWPN", description = "Only the changes of the HBA or vHBA with this port name.")
    Optional<String> wwpn;

    @Option(names = "--since", paramLabel = "CURSOR",
            description = "Resume after this change: a \"cursor\" printed before. Default: from now.")
    Optional<String> since;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N changes (0: print where the feed stands now and stop). Default: never stop.")
    Optional<Integer> count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (count.isPresent() && count.get() < 0) {
                throw new ParameterException(spec.commandLine(), "--count must be 0 or more: " + count.get());
            }
            ChangeFeed feed = ChangeFeed.open(server.client(), host, wwpn, since);
            err.println("nodedex: watching from " + feed.cursor());
            err.flush();
            int limit = count.orElse(Integer.MAX_VALUE);
            int printed = 0;
            while (printed < limit) {
                for (JsonNode change : feed.next(ChangeFeed.POLL)) {
                    JsonOutput.printLine(out, change);
                    if (++printed == limit) {
                        break;
                    }
                }
                out.flush();
            }
            return ExitCodes.OK;
        } catch (ApiClient.Failure e) {
            err.println("nodedex: " + e.getMessage());
            return e.exitCode();
        } catch (ChangeFeed.Answered e) {
            err.println("nodedex: " + e.getMessage());
            return e.answer().exitCode();
        }
    }
}
