package io.nodedex.indexer;

/**
 * Where a record lies in the events topic: its partition and offset. Kept with every version of
 * a device, so an answer about the past names the record that made it. Immutable.
 */
record LogPosition(int partition, long offset) {

    LogPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("not a log position: partition " + partition + ", offset " + offset);
        }
    }
}
