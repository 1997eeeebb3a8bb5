package io.nodedex.api;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.IndexerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A replica in a child JVM, as {@code nodedex serve} runs it, for the socket-activation tests:
 * {@code BOOTSTRAP TOPIC DATA_DIR LISTEN [METRICS_LISTEN]}. Prints where it serves, then serves
 * until killed; a socket-activation mismatch prints the error and exits with 2.
 */
public final class ActivatedReplicaMain {

    private ActivatedReplicaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        IndexerConfig indexer = IndexerConfig.of(args[0], Path.of(args[2])).withTopics(EventTopics.named(args[1]))
                .withPollTimeout(Duration.ofMillis(100));
        QueryServerConfig server = QueryServerConfig.of(QueryServerConfig.parseAddress(args[3])).withIoThreads(1)
                .withMetricsListen(args.length > 4 ? Optional.of(QueryServerConfig.parseAddress(args[4]))
                        : Optional.empty());
        Replica replica;
        try {
            replica = Replica.start(indexer, server);
        } catch (InvalidInputException e) {
            System.err.println("nodedex: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("serving on " + replica.server().address() + " socket activated "
                + replica.server().socketActivated() + replica.server().metricsAddress().map(a -> " metrics on " + a)
                        .orElse(""));
        System.out.flush();
        replica.awaitTermination();
    }
}
