package io.nodedex.indexer;

/** What one poll did, added to the {@link Counters} once its batch is written. */
final class Tally {
    long applied;
    long duplicates;
    long sequenceGaps;
    long hostKeyCollisions;
    /** Puts and deletes in the written batch, and its size in bytes. */
    long rowsWritten;
    long bytesWritten;

    /** Adds what {@code other} counted. */
    void add(Tally other) {
        applied += other.applied;
        duplicates += other.duplicates;
        sequenceGaps += other.sequenceGaps;
        hostKeyCollisions += other.hostKeyCollisions;
        rowsWritten += other.rowsWritten;
        bytesWritten += other.bytesWritten;
    }
}
