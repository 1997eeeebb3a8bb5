package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a poll changes in the audit beyond single hosts, worked out once the rows of every host of
 * the poll are known: the duplicate-WWPN findings ({@link Audit#duplicateWwpn}) of every WWPN
 * whose {@link Table#BY_WWPN} rows the poll changes, recomputed from those rows, and the
 * {@link Table#FINDING_COUNTS} after every finding the poll puts or deletes. Part of the poll's
 * one batch, so findings and counts always match the devices (docs/design.md, "No stale index
 * entries"). Worked out in two steps, so that most of it is done while the batch before is
 * written: {@link #ahead}, then {@link #rows}.
 *
 * <p>Threading: the static methods are pure and may run on any thread; an {@link Ahead} is
 * confined to one thread at a time.
 */
final class FleetFindings {

    private FleetFindings() {
    }

    /**
     * The rows of one host's share of a poll that {@link #rows} reads: its {@link Table#BY_WWPN}
     * and {@link Table#FINDINGS} rows, in order. Picked out on the workers, host by host, so that
     * {@link #ahead} and {@link #rows} read few.
     */
    static List<Row> inputs(List<Row> hostRows) {
        List<Row> inputs = new ArrayList<>();
        for (Row row : hostRows) {
            if (row.table() == Table.BY_WWPN || row.table() == Table.FINDINGS) {
                inputs.add(row);
            }
        }
        return inputs;
    }

    /**
     * A poll's rows over all hosts, worked out as far as the state allows while the batch before
     * is written: the duplicate-WWPN rows of every WWPN that batch leaves alone, and what every
     * finding the poll puts or deletes does to the counts. What is left ({@link #rows}) waits for
     * that batch: the WWPNs it changes, and the counts, which every batch may change.
     */
    static final class Ahead {
        private final Map<Long, WwpnChange> wwpns;
        private final Map<Long, WwpnChange> left = new TreeMap<>(Long::compareUnsigned);
        /** The duplicate-WWPN rows worked out, by WWPN in unsigned order, whichever step made them. */
        private final Map<Long, List<Row>> duplicates = new TreeMap<>(Long::compareUnsigned);
        private final Map<Finding.Kind, Long> deltas = new EnumMap<>(Finding.Kind.class);

        private Ahead(Map<Long, WwpnChange> wwpns) {
            this.wwpns = wwpns;
        }

        /** The WWPNs whose {@link Table#BY_WWPN} rows the poll changes. */
        Set<Long> wwpns() {
            return Collections.unmodifiableSet(wwpns.keySet());
        }

        private void addDuplicates(Map<Long, WwpnChange> changes, List<List<Row>> rows) {
            int i = 0;
            for (long wwpn : changes.keySet()) {
                List<Row> ofWwpn = rows.get(i++);
                duplicates.put(wwpn, ofWwpn);
                ofWwpn.forEach(row -> count(deltas, row));
            }
        }
    }

    /**
     * Works out what {@link #rows} can of a poll's rows over all hosts before the batch before it
     * is written, on the workers.
     *
     * @param reads the state, which may still lack the batch before
     * @param hostRows the rows of the poll's hosts, or at least their {@link #inputs}; the
     *     {@link Table#FINDINGS} rows among them put findings that were not stored and delete
     *     findings that were
     * @param changedMeanwhile the WWPNs whose {@link Table#BY_WWPN} rows the batch before changes
     *     ({@link FoldedPoll#wwpns()}): left for {@link #rows}
     */
    static Ahead ahead(Store.ReadView reads, Workers workers, List<List<Row>> hostRows, Set<Long> changedMeanwhile) {
        Ahead ahead = new Ahead(wwpnChanges(hostRows));
        for (List<Row> host : hostRows) {
            for (Row row : host) {
                if (row.table() == Table.FINDINGS) {
                    count(ahead.deltas, row);
                }
            }
        }
        Map<Long, WwpnChange> now = new TreeMap<>(Long::compareUnsigned);
        ahead.wwpns.forEach((wwpn, change) -> (changedMeanwhile.contains(wwpn) ? ahead.left : now).put(wwpn, change));
        ahead.addDuplicates(now, duplicateRows(reads, workers, now));
        return ahead;
    }

    /**
     * The rows to add to a poll's batch: those worked out {@link #ahead}, then the rest, read from
     * the state as it is now (the batch before must be written).
     */
    static List<Row> rows(Store.ReadView reads, Workers workers, Ahead ahead) {
        ahead.addDuplicates(ahead.left, duplicateRows(reads, workers, ahead.left));
        ahead.left.clear();
        List<Row> rows = new ArrayList<>();
        ahead.duplicates.values().forEach(rows::addAll);
        ahead.deltas.forEach((kind, delta) -> {
            if (delta != 0) {
                rows.add(countRow(reads, kind, delta));
            }
        });
        return rows;
    }

    /** The WWPNs whose {@link Table#BY_WWPN} rows a poll changes, each with the devices it adds and removes, in unsigned order. */
    private static Map<Long, WwpnChange> wwpnChanges(List<List<Row>> hostRows) {
        Map<Long, WwpnChange> wwpns = new TreeMap<>(Long::compareUnsigned);
        for (List<Row> host : hostRows) {
            for (Row row : host) {
                if (row.table() == Table.BY_WWPN) {
                    WwpnChange change = wwpns.computeIfAbsent(Keys.longAt(row.key(), 0), w -> new WwpnChange());
                    DeviceRef device = Keys.hostDeviceAt(row.key(), Keys.LONG);
                    (row.delete() ? change.removed : change.added).add(device);
                }
            }
        }
        return wwpns;
    }

    /**
     * The duplicate-WWPN rows of each of {@code changes}, in their order: the devices
     * {@link Table#BY_WWPN} lists under each WWPN are read on the workers.
     */
    private static List<List<Row>> duplicateRows(Store.ReadView reads, Workers workers,
            Map<Long, WwpnChange> changes) {
        List<Map.Entry<Long, WwpnChange>> all = List.copyOf(changes.entrySet());
        return workers.map(all, change -> duplicateRows(change.getKey(), users(reads, change.getKey()),
                change.getValue()));
    }

    private static Set<DeviceRef> users(Store.ReadView reads, long wwpn) {
        Set<DeviceRef> users = new HashSet<>();
        reads.scan(Table.BY_WWPN, Keys.longs(wwpn), (key, value) -> users.add(Keys.hostDeviceAt(key, Keys.LONG)));
        return users;
    }

    /** The devices a poll adds to and removes from one WWPN's {@link Table#BY_WWPN} rows. */
    private static final class WwpnChange {
        final Set<DeviceRef> added = new HashSet<>();
        final Set<DeviceRef> removed = new HashSet<>();
    }

    /** The duplicate-WWPN rows of one WWPN, from the devices {@code users} stored under it (changed in place). */
    private static List<Row> duplicateRows(long wwpn, Set<DeviceRef> users, WwpnChange change) {
        Optional<Finding> old = Audit.duplicateWwpn(new Wwn(wwpn), users);
        users.removeAll(change.removed);
        users.addAll(change.added);
        Optional<Finding> now = Audit.duplicateWwpn(new Wwn(wwpn), users);
        if (old.equals(now)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        old.ifPresent(finding -> rows.add(Row.delete(Table.FINDINGS, Keys.finding(finding))));
        now.ifPresent(finding -> rows.add(Row.put(Table.FINDINGS, Keys.finding(finding), new byte[0])));
        return rows;
    }

    private static void count(Map<Finding.Kind, Long> deltas, Row row) {
        deltas.merge(Keys.findingKindOf(row.key()), row.delete() ? -1L : 1L, Long::sum);
    }

    private static Row countRow(Store.ReadView reads, Finding.Kind kind, long delta) {
        byte[] key = Keys.findingCount(kind);
        long count = reads.get(Table.FINDING_COUNTS, key).map(StoredValues::count).orElse(0L) + delta;
        if (count < 0) {
            throw new IllegalStateException("inconsistent indexer database: the " + kind.wireName()
                    + " findings would count " + count + "; rebuild it");
        }
        return count == 0 ? Row.delete(Table.FINDING_COUNTS, key)
                : Row.put(Table.FINDING_COUNTS, key, StoredValues.count(count));
    }
}
