package io.nodedex.indexer;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link IndexerCounters}: written by the applying thread, read by any. */
final class Counters {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong sequenceGaps = new AtomicLong();
    private final AtomicLong hostKeyCollisions = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rebootstraps = new AtomicLong();
    private final AtomicLong foldedBesideWrite = new AtomicLong();
    private final AtomicLong pollsSplit = new AtomicLong();

    void add(Tally tally) {
        applied.addAndGet(tally.applied);
        duplicates.addAndGet(tally.duplicates);
        sequenceGaps.addAndGet(tally.sequenceGaps);
        hostKeyCollisions.addAndGet(tally.hostKeyCollisions);
        rowsWritten.addAndGet(tally.rowsWritten);
        bytesWritten.addAndGet(tally.bytesWritten);
        batches.incrementAndGet();
    }

    /** Write batches so far (a poll's, or each half's of a split one), for the benchmark. */
    long batches() {
        return batches.get();
    }

    /** RocksDB rows (puts and deletes) written so far, for the benchmark. */
    long rowsWritten() {
        return rowsWritten.get();
    }

    /** Bytes of the write batches so far, for the benchmark. */
    long bytesWritten() {
        return bytesWritten.get();
    }

    /** Polls folded while the batch before them was written (see {@link BatchWriter#leavesAlone}), for tests. */
    long foldedBesideWrite() {
        return foldedBesideWrite.get();
    }

    void addFoldedBesideWrite() {
        foldedBesideWrite.incrementAndGet();
    }

    /** Polls split in two because they found the writer idle ({@link PollHalves}), for tests. */
    long pollsSplit() {
        return pollsSplit.get();
    }

    void addPollSplit() {
        pollsSplit.incrementAndGet();
    }

    void addRebootstrap() {
        rebootstraps.incrementAndGet();
    }

    void addDeadLetters(long count) {
        deadLetters.addAndGet(count);
    }

    IndexerCounters snapshot() {
        return new IndexerCounters(applied.get(), duplicates.get(), deadLetters.get(), sequenceGaps.get(),
                hostKeyCollisions.get(), rebootstraps.get());
    }
}
