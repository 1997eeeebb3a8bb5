package io.nodedex.cli;

import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex indexer}: one indexer replica folding the events topic into its own RocksDB,
 * until SIGINT or SIGTERM. {@code nodedex serve} runs the same replica with the query API.
 */
@Command(name = "indexer", mixinStandardHelpOptions = true,
        description = {"Fold the Kafka event log into this replica's RocksDB tables, until interrupted.",
            "Every replica reads every partition and keeps its own offsets in RocksDB, atomically with the state."})
final class IndexerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexerOptions options;

    @Override
    public Integer call() {
        IndexerConfig config = options.config();
        CountDownLatch closed = new CountDownLatch(1);
        Indexer opened;
        try {
            opened = Indexer.open(config);
        } catch (IllegalStateException e) { // the database cannot be opened, or is of another layout or topic
            spec.commandLine().getErr().println("nodedex indexer: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try (Indexer indexer = opened) {
            // On SIGINT/SIGTERM: stop polling, then hold the JVM until the database is closed.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                indexer.shutdown();
                awaitQuietly(closed);
            }, "nodedex-indexer-shutdown"));
            spec.commandLine().getErr().printf("nodedex: indexing %s from %s into %s%s%n", config.topic(),
                    config.bootstrapServers(), config.dataDirectory(), config.rebuild() ? " (rebuild)" : "");
            indexer.run();
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private static void awaitQuietly(CountDownLatch closed) {
        try {
            closed.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
