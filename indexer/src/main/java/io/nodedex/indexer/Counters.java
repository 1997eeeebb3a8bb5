package io.nodedex.indexer;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link IndexerCounters}: written by the applying thread, read by any. */
final class Counters {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong sequenceGaps = new AtomicLong();
    private final AtomicLong hostKeyCollisions = new AtomicLong();

    void add(Tally tally) {
        applied.addAndGet(tally.applied);
        duplicates.addAndGet(tally.duplicates);
        sequenceGaps.addAndGet(tally.sequenceGaps);
        hostKeyCollisions.addAndGet(tally.hostKeyCollisions);
    }

    void addDeadLetters(long count) {
        deadLetters.addAndGet(count);
    }

    IndexerCounters snapshot() {
        return new IndexerCounters(applied.get(), duplicates.get(), deadLetters.get(), sequenceGaps.get(),
                hostKeyCollisions.get());
    }
}
