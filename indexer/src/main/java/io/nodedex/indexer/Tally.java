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
}
