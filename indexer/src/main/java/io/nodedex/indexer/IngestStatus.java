package io.nodedex.indexer;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far the indexer has read the events topic.
 *
 * @param positions per partition, the next offset to apply (everything before it is in the state)
 * @param endOffsets per partition, the log-end offset as last checked (empty before the first
 *     check)
 * @param lag the records between the positions and the end offsets, summed over partitions
 * @param caughtUp whether the end offsets are known and every partition has reached its end
 * @param generation how many times this replica re-bootstrapped since it started: after one, the
 *     same positions no longer stand for the same state
 */
public record IngestStatus(SortedMap<Integer, Long> positions, SortedMap<Integer, Long> endOffsets, long lag,
        boolean caughtUp, long generation) {

    public IngestStatus {
        positions = immutable(positions);
        endOffsets = immutable(endOffsets);
    }

    /** Nothing read, nothing known: the status before the first poll. */
    public static IngestStatus unknown() {
        return new IngestStatus(new TreeMap<>(), new TreeMap<>(), 0, false, 0);
    }

    /** The status of {@code positions} against {@code endOffsets}. */
    static IngestStatus of(Map<Integer, Long> positions, Map<Integer, Long> endOffsets, long generation) {
        long lag = 0;
        boolean caughtUp = !endOffsets.isEmpty();
        for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
            long behind = Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
            lag += behind;
            caughtUp &= behind == 0;
        }
        return new IngestStatus(new TreeMap<>(positions), new TreeMap<>(endOffsets), lag, caughtUp, generation);
    }

    private static SortedMap<Integer, Long> immutable(SortedMap<Integer, Long> map) {
        Objects.requireNonNull(map);
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
