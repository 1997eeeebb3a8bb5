package io.nodedex.api;

import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.IngestStatus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the watchers of the change feed (long polls and event streams, {@link ChangesRoute})
 * when the replica has written a batch: one thread looks at the replica's positions every
 * {@link #TICK} and, when they moved, wakes every watcher, which reads its own changes on its
 * connection's event loop. Ingestion never waits for a watcher, however many there are and however
 * slowly they read. Also tells streams when to send a keep-alive. Thread-safe.
 */
final class ChangeWatchers implements AutoCloseable {

    /** How often the replica's positions are looked at: the feed's added latency, on average half. */
    static final Duration TICK = Duration.ofMillis(10);
    /** How often an event stream without changes sends a comment, well inside the idle timeout. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatchers.class);

    /** One watcher: woken on its own event loop. */
    interface Watcher {
        /** The replica wrote a batch. Any thread: the watcher moves to its event loop itself. */
        void wake();

        /** Time for a keep-alive. Any thread, as {@link #wake()}. */
        void keepAlive();
    }

    private final IndexReader reader;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nodedex-change-watchers");
        thread.setDaemon(true);
        return thread;
    });
    private volatile IngestStatus seen;

    ChangeWatchers(IndexReader reader) {
        this.reader = reader;
        this.seen = reader.ingestStatus();
        ticker.scheduleWithFixedDelay(this::tick, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
        ticker.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toNanos(), KEEP_ALIVE.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    void add(Watcher watcher) {
        watchers.add(watcher);
    }

    void remove(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** The watchers now, for metrics. */
    int count() {
        return watchers.size();
    }

    private void tick() {
        try {
            IngestStatus now = reader.ingestStatus();
            if (!now.positions().equals(seen.positions()) || now.generation() != seen.generation()) {
                seen = now;
                watchers.forEach(Watcher::wake);
            }
        } catch (RuntimeException e) {
            LOG.warn("waking the change feed's watchers failed; trying again", e);
        }
    }

    private void keepAlive() {
        watchers.forEach(Watcher::keepAlive);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        watchers.clear();
    }
}
