package io.nodedex.api;

import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An indexer replica and its query API in one process: the indexer folds the event log into its
 * own RocksDB on a thread of its own, and a {@link QueryServer} answers from that database.
 * Replicas scale reads horizontally; each consumes every partition.
 *
 * <p>The server starts before the indexer consumes anything, so a listener problem (a socket
 * activation mismatch, a port in use) fails {@link #start} at once, and {@code /readyz} answers
 * 503 until the replica has caught up.
 *
 * <p>Threading: {@link #close()} may be called from any thread (a shutdown hook), also while
 * another thread waits in {@link #awaitTermination()}.
 */
public final class Replica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final Indexer indexer;
    private final QueryServer server;
    private final CountDownLatch indexerStopped = new CountDownLatch(1);
    private final AtomicReference<Optional<Throwable>> failure = new AtomicReference<>(Optional.empty());
    private boolean closed;

    private Replica(Indexer indexer, QueryServer server) {
        this.indexer = indexer;
        this.server = server;
    }

    /**
     * Opens the indexer's database, starts the server on it, then starts consuming.
     *
     * @throws io.nodedex.device.InvalidInputException when the server's sockets do not match its
     *     configuration (socket activation), its token file or TLS files cannot be used, or it
     *     would listen beyond loopback without tokens (see {@link QueryServer#start})
     * @throws IllegalStateException when the database cannot be opened or an address cannot be
     *     bound
     */
    public static Replica start(IndexerConfig indexerConfig, QueryServerConfig serverConfig) {
        Indexer indexer = Indexer.open(indexerConfig);
        QueryServer server;
        try {
            server = QueryServer.start(serverConfig, indexer.reader());
        } catch (RuntimeException e) {
            indexer.close();
            throw e;
        }
        Replica replica = new Replica(indexer, server);
        Thread thread = new Thread(replica::runIndexer, "nodedex-indexer");
        thread.start();
        return replica;
    }

    private void runIndexer() {
        try {
            indexer.run();
        } catch (RuntimeException | Error e) {
            failure.set(Optional.of(e));
        } finally {
            indexerStopped.countDown();
        }
    }

    /** The query API. */
    public QueryServer server() {
        return server;
    }

    /**
     * Waits until the indexer stops: after {@link #close()}, or when it fails (it then cannot
     * go on without losing data: see {@link Indexer}). The server keeps answering until closed.
     *
     * @return why the indexer stopped, empty after a {@link #close()}
     */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        indexerStopped.await();
        return failure.get();
    }

    /** Stops answering, then stops the indexer and closes its database. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            indexer.close();
            LOG.info("replica stopped");
        }
    }
}
