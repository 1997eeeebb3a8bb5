package io.nodedex.api;

import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.event.kafka.EventTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
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
    private final Optional<VhbaCoordinator> coordinator;
    private final Optional<VhbaPublisher> publisher;
    private final CountDownLatch indexerStopped = new CountDownLatch(1);
    private final AtomicReference<Optional<Throwable>> failure = new AtomicReference<>(Optional.empty());
    private boolean closed;

    private Replica(Indexer indexer, QueryServer server, Optional<VhbaCoordinator> coordinator,
            Optional<VhbaPublisher> publisher) {
        this.indexer = indexer;
        this.server = server;
        this.coordinator = coordinator;
        this.publisher = publisher;
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
        return start(indexerConfig, serverConfig, Optional.empty());
    }

    /**
     * As {@link #start(IndexerConfig, QueryServerConfig)}; with {@code commands}, the server also
     * takes vHBA requests ({@code POST /v1/vhbas}, {@code DELETE /v1/vhbas/{host}/{name}}):
     * it publishes them, signed with the command key, to the indexer's events topic, and the
     * commands its replica decided to the commands topic (docs/design.md, "Decisions are events").
     */
    public static Replica start(IndexerConfig indexerConfig, QueryServerConfig serverConfig,
            Optional<CommandSettings> commands) {
        Indexer indexer = Indexer.open(indexerConfig);
        QueryServer server;
        Optional<VhbaPublisher> publisher = commands.map(settings -> new VhbaPublisher(
                new KafkaProducer<>(producerProperties(indexerConfig)), indexerConfig.topic(),
                EventTopics.named(indexerConfig.topic()).commands().name(), settings.commandKey(), Clock.systemUTC()));
        Duration timeout = commands.map(CommandSettings::vhbaTimeout).orElse(CommandSettings.DEFAULT_TIMEOUT);
        try {
            server = QueryServer.start(serverConfig, indexer.reader(), new VhbaWrites(
                    Optional.of(indexer.vhbaRequests()), publisher, timeout, Clock.systemUTC()));
        } catch (RuntimeException e) {
            publisher.ifPresent(VhbaPublisher::close);
            indexer.close();
            throw e;
        }
        Optional<VhbaCoordinator> coordinator = publisher.map(p -> new VhbaCoordinator(indexer.vhbaRequests(), p,
                timeout, Clock.systemUTC()));
        coordinator.ifPresent(VhbaCoordinator::start);
        Replica replica = new Replica(indexer, server, coordinator, publisher);
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

    /** The producer of an API server's signed records: idempotent, every in-sync copy acknowledges. */
    private static Properties producerProperties(IndexerConfig config) {
        return config.kafkaProperties().reliableProducer(config.bootstrapServers(), "nodedex-api-commands");
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
            coordinator.ifPresent(VhbaCoordinator::close);
            server.close();
            publisher.ifPresent(VhbaPublisher::close);
        } finally {
            indexer.close();
            LOG.info("replica stopped");
        }
    }
}
