package io.nodedex.indexer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An indexer in a process of its own, for the crash tests: runs until killed, and prints
 * {@code applied N} (N = the sum of its partition positions) whenever N changes.
 *
 * <p>Arguments: bootstrap servers, topic, dead-letter topic, data directory, max poll records.
 */
public final class IndexerProcess {

    private IndexerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        IndexerConfig config = IndexerConfig.of(args[0], Path.of(args[3]))
                .withTopic(args[1])
                .withDeadLetterTopic(args[2])
                .withMaxPollRecords(Integer.parseInt(args[4]))
                .withPollTimeout(Duration.ofMillis(50));
        Indexer indexer = Indexer.open(config);
        Thread applier = new Thread(indexer, "indexer");
        applier.start();
        long reported = -1;
        while (applier.isAlive()) {
            long applied = indexer.reader().ingestStatus().positions().values().stream().mapToLong(Long::longValue).sum();
            if (applied != reported) {
                System.out.println("applied " + applied);
                System.out.flush();
                reported = applied;
            }
            Thread.sleep(2);
        }
        System.exit(1);
    }
}
