package io.nodedex.indexer;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The indexer's own small pool for the CPU-bound parts of a poll (decoding events, encoding
 * devices), one thread per core. The applying thread hands work over and waits; nothing it
 * decides depends on which worker ran what, so results come back in input order.
 */
final class Workers implements AutoCloseable {

    private final ForkJoinPool pool;

    Workers(int threads) {
        AtomicInteger number = new AtomicInteger();
        this.pool = new ForkJoinPool(threads, forkJoinPool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
            thread.setName("nodedex-indexer-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }

    static Workers perCore() {
        return new Workers(Runtime.getRuntime().availableProcessors());
    }

    /** {@code function} applied to every item, in parallel; the results in item order. */
    <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> function) {
        if (items.size() < 2) {
            return items.stream().<R>map(function).toList();
        }
        return pool.submit(() -> items.parallelStream().<R>map(function).toList()).join();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
