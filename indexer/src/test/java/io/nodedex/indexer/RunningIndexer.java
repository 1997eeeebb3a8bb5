package io.nodedex.indexer;

import java.util.concurrent.atomic.AtomicReference;

/** An {@link Indexer} running on its own thread; closing it stops it and reports a failure. */
final class RunningIndexer implements AutoCloseable {

    private final Indexer indexer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private RunningIndexer(Indexer indexer) {
        this.indexer = indexer;
        this.thread = new Thread(indexer, "indexer-under-test");
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
    }

    static RunningIndexer start(IndexerConfig config) {
        return new RunningIndexer(Indexer.open(config));
    }

    static RunningIndexer start(IndexerConfig config, HostKeys hostKeys) {
        return new RunningIndexer(Indexer.open(config, hostKeys));
    }

    IndexReader reader() {
        return indexer.reader();
    }

    String currentStateDigest() {
        return indexer.currentStateDigest();
    }

    String digest() {
        return indexer.digest();
    }

    /** Whether the store's compactions are deferred, as while the replica catches up. */
    boolean compactionsDeferred() {
        return indexer.store().compactionsDeferred();
    }

    /** Polls folded while the batch before them was being written. */
    long foldedBesideWrite() {
        return indexer.liveCounters().foldedBesideWrite();
    }

    long pollsSplit() {
        return indexer.liveCounters().pollsSplit();
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
