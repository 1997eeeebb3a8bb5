package io.nodedex.indexer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The change feed part of {@link StoreReader} (docs/design.md, "Watching changes"): reads
 * {@link Table#CHANGES} after a cursor, partition by partition in log order, within one read view.
 * A call examines a bounded number of rows, so a watcher with a narrow filter on a busy fleet
 * pays in steps; its cursor moves past what was examined either way. Stateless but for the
 * host-key function; any thread.
 */
final class ChangeReader {

    /** The most rows one call examines in each partition. */
    static final int MAX_EXAMINED = 10_000;

    private final HostKeys hostKeys;

    ChangeReader(HostKeys hostKeys) {
        this.hostKeys = hostKeys;
    }

    /** The cursor after every change of the records this view holds. */
    ChangeCursor now(Store.ReadView view) {
        return ChangeCursor.before(offsets(view));
    }

    ChangePage page(Store.ReadView view, ChangeCursor since, ChangeFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Map<Integer, Long> offsets = offsets(view);
        checkKept(view, since);
        TreeSet<Integer> partitions = new TreeSet<>(offsets.keySet());
        partitions.addAll(since.positions().keySet());
        if (offsets.isEmpty()) {
            // changes are written with their partition's offset, so only a store that records no
            // positions (a fold fed directly) needs its partitions looked up, a seek each
            partitions.addAll(partitionsWithChanges(view));
        }
        Long wantedHost = filter.hostId().map(hostKeys::keyOf).orElse(null);
        long wantedWwpn = filter.wwpn().map(w -> w.value()).orElse(0L);
        List<Scan> scans = new ArrayList<>();
        for (int partition : partitions) {
            scans.add(scan(view, partition, since.in(partition), offsets.get(partition), wantedHost, wantedWwpn, limit));
        }
        return merge(since, scans, limit);
    }

    /** One partition's matching rows after {@code from}, and where its examination ended. */
    private record Scan(int partition, List<Match> matches, ChangeCursor.Position end) {
    }

    /** A matching row: its value, time and the positions just before and just after it. */
    private record Match(int partition, byte[] value, Instant time, ChangeCursor.Position before,
            ChangeCursor.Position after) {
    }

    private static Scan scan(Store.ReadView view, int partition, ChangeCursor.Position from, Long consumed,
            Long wantedHost, long wantedWwpn, int limit) {
        List<Match> matches = new ArrayList<>();
        long[] at = {from.offset()};
        int[] seenAt = {0};
        int[] examined = {0};
        boolean[] stopped = {false};
        view.scan(Table.CHANGES, ChangeRows.partitionPrefix(partition), ChangeRows.from(partition, from.offset()),
                (key, value) -> {
                    long offset = ChangeRows.offsetOf(key);
                    if (offset != at[0]) {
                        at[0] = offset;
                        seenAt[0] = 0;
                    }
                    int index = seenAt[0]++;
                    if (offset == from.offset() && index < from.seen()) {
                        return true;
                    }
                    if (matches.size() == limit || examined[0] == MAX_EXAMINED) {
                        stopped[0] = true;
                        seenAt[0]--;
                        return false;
                    }
                    examined[0]++;
                    if ((wantedHost == null || ChangeRows.hostKeyOf(key) == wantedHost)
                            && (wantedWwpn == 0 || ChangeRows.wwpnOf(value) == wantedWwpn)) {
                        matches.add(new Match(partition, value, ChangeRows.timeOf(value),
                                new ChangeCursor.Position(offset, index), new ChangeCursor.Position(offset, index + 1)));
                    }
                    return true;
                });
        ChangeCursor.Position end;
        if (stopped[0]) {
            end = new ChangeCursor.Position(at[0], seenAt[0]);
        } else {
            // the partition's rows are exhausted: a record's changes are written in one batch, so
            // none can follow at the last offset seen
            ChangeCursor.Position last = examined[0] == 0 ? from : new ChangeCursor.Position(at[0] + 1, 0);
            // every record before the consumed offset is in this view: nothing more can come before it
            end = consumed != null && consumed > last.offset() ? new ChangeCursor.Position(consumed, 0) : last;
        }
        return new Scan(partition, matches, end);
    }

    /**
     * Interleaves the partitions' matches by time (each partition's in log order), keeps the first
     * {@code limit}, and works out each change's cursor and the page's next.
     */
    private static ChangePage merge(ChangeCursor since, List<Scan> scans, int limit) {
        PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> {
            Match x = scans.get(a[0]).matches().get(a[1]);
            Match y = scans.get(b[0]).matches().get(b[1]);
            int byTime = x.time().compareTo(y.time());
            return byTime != 0 ? byTime : Integer.compare(x.partition(), y.partition());
        });
        for (int i = 0; i < scans.size(); i++) {
            if (!scans.get(i).matches().isEmpty()) {
                heads.add(new int[] {i, 0});
            }
        }
        Map<Integer, Integer> taken = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        ChangeCursor cursor = since;
        while (!heads.isEmpty() && changes.size() < limit) {
            int[] head = heads.poll();
            Scan scan = scans.get(head[0]);
            Match match = scan.matches().get(head[1]);
            cursor = cursor.with(match.partition(), match.after());
            changes.add(ChangeRows.change(match.value(), cursor));
            taken.put(head[0], head[1] + 1);
            if (head[1] + 1 < scan.matches().size()) {
                heads.add(new int[] {head[0], head[1] + 1});
            }
        }
        TreeMap<Integer, ChangeCursor.Position> next = new TreeMap<>(since.positions());
        for (int i = 0; i < scans.size(); i++) {
            Scan scan = scans.get(i);
            int count = taken.getOrDefault(i, 0);
            next.put(scan.partition(), count < scan.matches().size() ? scan.matches().get(count).before() : scan.end());
        }
        return new ChangePage(changes, new ChangeCursor(next));
    }

    /** Refuses a cursor that has not seen a change the retention pruned. */
    private static void checkKept(Store.ReadView view, ChangeCursor since) {
        view.scanAll(Table.CHANGES_HORIZON, (key, value) -> {
            int partition = Keys.partitionOf(key);
            long pruned = StoredValues.offset(value);
            if (since.in(partition).offset() <= pruned) {
                throw new ChangesGoneException("the cursor is older than the changes this replica keeps: changes up "
                        + "to offset " + pruned + " of partition " + partition + " were pruned by the history's "
                        + "retention; read the state again, then watch from now (no since)");
            }
        });
    }

    /** The partitions that hold changes: a seek per partition. */
    private static List<Integer> partitionsWithChanges(Store.ReadView view) {
        List<Integer> partitions = new ArrayList<>();
        long next = 0;
        while (next <= Integer.MAX_VALUE) {
            int[] found = {-1};
            view.scan(Table.CHANGES, new byte[0], ChangeRows.partitionPrefix((int) next), (key, value) -> {
                found[0] = Keys.partitionOf(key);
                return false;
            });
            if (found[0] < 0) {
                break;
            }
            partitions.add(found[0]);
            next = found[0] + 1L;
        }
        return partitions;
    }

    private static Map<Integer, Long> offsets(Store.ReadView view) {
        Map<Integer, Long> offsets = new TreeMap<>();
        view.scanAll(Table.OFFSETS, (key, value) -> offsets.put(Keys.partitionOf(key), StoredValues.offset(value)));
        return offsets;
    }
}
