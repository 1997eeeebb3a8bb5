package io.nodedex.indexer;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes folded polls on a thread of its own, at most one in flight, so that the applying thread
 * fetches and decodes the next poll while the previous one is written (docs/design.md, "How the
 * indexer applies a poll"). A poll whose hosts the batch in flight {@link #leavesAlone leaves
 * alone} may be folded meanwhile too, and what it reads of other hosts' state worked out, but
 * for what the batch changes ({@link #wwpnsInFlight()}), worked out after {@link #awaitWritten()}.
 * A poll that shares a host with the batch waits for it.
 *
 * <p>Threading: used by the applying thread only; the write itself runs on the writer's thread.
 */
final class BatchWriter implements AutoCloseable {

    private final Store store;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread writer = new Thread(runnable, "nodedex-indexer-writer");
        writer.setDaemon(true);
        return writer;
    });
    private Optional<InFlight> inFlight = Optional.empty();

    BatchWriter(Store store) {
        this.store = store;
    }

    private record InFlight(Future<Tally> write, Set<Long> hostKeys, Set<Long> wwpns) {
    }

    /** Starts writing {@code poll}; the previous one must have been awaited. */
    void submit(FoldedPoll poll) {
        if (inFlight.isPresent()) {
            throw new IllegalStateException("a batch is still being written; await it first");
        }
        inFlight = Optional.of(new InFlight(thread.submit(() -> poll.writeTo(store)), poll.hostKeys(), poll.wwpns()));
    }

    /** Whether the batch in flight, if any, has none of the hosts {@code hostKeys}. */
    boolean leavesAlone(Set<Long> hostKeys) {
        return inFlight.map(batch -> Collections.disjoint(batch.hostKeys(), hostKeys)).orElse(true);
    }

    /**
     * The WWPNs whose {@link Table#BY_WWPN} rows the batch in flight changes (none when none is in
     * flight): what a poll folded meanwhile leaves for after it ({@link PollFold#readAhead}).
     */
    Set<Long> wwpnsInFlight() {
        return inFlight.map(InFlight::wwpns).orElse(Set.of());
    }

    /**
     * Waits until the batch in flight, if any, is in the store.
     *
     * @return what the written batch did, or empty when none was in flight
     * @throws IllegalStateException when the write failed (the batch is not in the store)
     */
    Optional<Tally> awaitWritten() {
        if (inFlight.isEmpty()) {
            return Optional.empty();
        }
        InFlight batch = inFlight.get();
        inFlight = Optional.empty();
        try {
            Tally tally = batch.write().get();
            return Optional.of(tally);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being written", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing a batch failed: " + cause, cause);
        }
    }

    /** Whether a batch is in flight: submitted and not yet awaited. */
    boolean busy() {
        return inFlight.isPresent();
    }

    /**
     * Whether the batch in flight, if any, is done (written or failed): {@link #awaitWritten()}
     * would not wait.
     */
    boolean written() {
        return inFlight.map(batch -> batch.write().isDone()).orElse(true);
    }

    /** Waits for the batch in flight, then stops the thread. */
    @Override
    public void close() {
        try {
            awaitWritten();
        } finally {
            thread.shutdown();
        }
    }
}
