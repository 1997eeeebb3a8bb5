package io.nodedex.indexer;

import java.util.Comparator;

/** The last applied (incarnation, sequence) of one host and source, ordered lexicographically. */
record Watermark(long incarnation, long sequence) implements Comparable<Watermark> {

    private static final Comparator<Watermark> ORDER =
            Comparator.comparingLong(Watermark::incarnation).thenComparingLong(Watermark::sequence);

    @Override
    public int compareTo(Watermark other) {
        return ORDER.compare(this, other);
    }

    /**
     * Whether an event at {@code next}, newer than this, leaves events out: a later sequence of
     * the same incarnation that is not the next one, or a new incarnation not starting at 0.
     */
    boolean isGapBefore(Watermark next) {
        return next.incarnation == incarnation ? next.sequence > sequence + 1 : next.sequence != 0;
    }

    @Override
    public String toString() {
        return "(incarnation " + incarnation + ", sequence " + sequence + ")";
    }
}
