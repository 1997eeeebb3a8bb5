package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.kafka.ClientProperties;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex all-in-one}: the embedded default a newcomer runs first ({@link AllInOne}). One
 * line per stage on standard error while it starts, the URL and example commands on standard
 * output once ready; Ctrl-C (or SIGTERM) stops everything cleanly.
 */
@Command(name = "all-in-one", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run all of nodedex in one process on a simulated fleet: start here.",
            "A Kafka broker; a fleet of hosts, each a real agent reading a libvirt",
            "test-driver file and a sysfs tree; the indexer; the query API on 127.0.0.1",
            "(loopback only, so it needs no tokens; HTTPS with --tls-cert and --tls-key).",
            "Stops on Ctrl-C; started again on the same data directory, it resumes."})
final class AllInOneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The API's port on 127.0.0.1; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/all-in-one",
            description = "Where the broker's log, the index, the fleet's files and the agents' state are kept"
                    + " (default: ${DEFAULT-VALUE}, under the current directory).")
    Path data;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "24",
            description = "How many hosts to simulate, 2 to 500 (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Mixin
    TlsOptions tls;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "The fleet's seed: the same seed gives the same fleet, down to every WWN"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = {"Kafka client properties (timeouts, tuning) for the stack's own Kafka clients: agents,"
                + " indexer, checks; the format of Kafka's --command-config files.",
                "The embedded broker listens in plaintext on 127.0.0.1, so security settings are refused, as are"
                    + " the keys nodedex sets itself (listed in the README)."})
    Optional<Path> kafkaConfig;

    @Mixin
    HistoryRetentionOption history;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Consumer<String> stage = line -> {
            err.printf("[%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, line);
            err.flush();
        };
        QuietLogs.apply();
        ClientProperties kafkaProperties = kafkaConfig.map(ClientProperties::load).orElse(ClientProperties.NONE);
        tls.requirePair();
        AllInOne stack = AllInOne.open(new AllInOne.Settings(data, port, hosts, seed, kafkaProperties, tls.certificate,
                tls.key, history.retention));
        AtomicBoolean stopping = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            main.interrupt();
            long stop = System.nanoTime();
            err.println("stopping: agents, API, indexer, broker ...");
            err.flush();
            try {
                stack.close();
                err.printf("stopped in %.1f s%n", (System.nanoTime() - stop) / 1e9);
            } catch (RuntimeException e) {
                err.println("nodedex: " + e.getMessage());
            }
            err.flush();
        }, "nodedex-all-in-one-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start(stage);
            out.print(AllInOneBanner.text(stack.url(), stack.fleet(), stack.files(), stack.data(), tls.certificate));
            out.flush();
            Optional<Throwable> failure = stack.awaitTermination();
            if (failure.isPresent() && !stopping.get()) {
                err.println("nodedex: the indexer stopped: " + failure.get().getMessage());
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            return ExitCodes.OK; // the shutdown hook is stopping everything
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            if (stopping.get()) {
                return ExitCodes.OK; // interrupted while starting: the shutdown hook stops what started
            }
            err.println("nodedex: all-in-one could not start: " + e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            if (!stopping.get()) {
                stack.close();
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }
}
