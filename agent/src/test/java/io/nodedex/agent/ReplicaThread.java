package io.nodedex.agent;

import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.indexer.StateDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An indexer replica running on its own thread, as {@code nodedex indexer} runs it; closing it
 * stops it, fails the test if it stopped by itself, and leaves its database for {@link #digest()}.
 */
final class ReplicaThread implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final IndexerConfig config;
    private final Indexer indexer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private ReplicaThread(IndexerConfig config) {
        this.config = config;
        this.indexer = Indexer.open(config);
        this.thread = new Thread(indexer, "replica-under-test");
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
    }

    static ReplicaThread start(IndexerConfig config) {
        return new ReplicaThread(config);
    }

    IndexReader reader() {
        return indexer.reader();
    }

    /** Whether the indexer is still running (it stops by itself only on a failure). */
    boolean running() {
        return thread.isAlive() && failure.get() == null;
    }

    /** Waits until the replica has applied every partition up to {@code ends}; fails after 90 s. */
    void awaitApplied(Map<Integer, Long> ends) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!ends.entrySet().stream().allMatch(end ->
                reader().ingestStatus().positions().getOrDefault(end.getKey(), 0L) >= end.getValue())) {
            if (failure.get() != null) {
                throw new AssertionError("the indexer stopped", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the indexer did not apply up to " + ends + " within " + DEADLINE + "; at "
                        + reader().ingestStatus().positions());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * The digest of the replica's current state, without the history, which also records each
     * event's log position (compared replicas read different topics); call after {@link #close()}.
     */
    String digest() {
        return StateDigest.ofCurrentState(config.dataDirectory());
    }

    @Override
    public void close() throws InterruptedException {
        indexer.close();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the indexer failed", failure.get());
        }
    }
}
