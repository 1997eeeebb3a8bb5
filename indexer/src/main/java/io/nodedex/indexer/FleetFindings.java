package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
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
 * entries"). Pure; any thread.
 */
final class FleetFindings {

    private FleetFindings() {
    }

    /**
     * The rows of one host's share of a poll that {@link #rows} reads: its {@link Table#BY_WWPN}
     * and {@link Table#FINDINGS} rows, in order. Picked out on the workers, host by host, so that
     * {@link #rows}, which must wait for the batch before, reads few.
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
     * The WWPNs whose {@link Table#BY_WWPN} rows a poll changes.
     *
     * @param hostRows the rows of the poll's hosts, or at least their {@link #inputs}
     */
    static Set<Long> wwpns(List<List<Row>> hostRows) {
        return Set.copyOf(wwpnChanges(hostRows).keySet());
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
     * The devices {@link Table#BY_WWPN} lists under each of {@code wwpns}, read on the workers:
     * what {@link #rows} needs of the state. Reading them ahead, while the batch before is written,
     * is right for every WWPN that batch leaves alone; the others must be read again once it is
     * written.
     */
    static Map<Long, Set<DeviceRef>> users(Store.ReadView reads, Workers workers, Collection<Long> wwpns) {
        List<Long> all = List.copyOf(wwpns);
        List<Set<DeviceRef>> users = workers.map(all, wwpn -> users(reads, wwpn));
        Map<Long, Set<DeviceRef>> byWwpn = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            byWwpn.put(all.get(i), users.get(i));
        }
        return byWwpn;
    }

    private static Set<DeviceRef> users(Store.ReadView reads, long wwpn) {
        Set<DeviceRef> users = new HashSet<>();
        reads.scan(Table.BY_WWPN, Keys.longs(wwpn), (key, value) -> users.add(Keys.hostDeviceAt(key, Keys.LONG)));
        return users;
    }

    /**
     * The rows to add to a poll's batch.
     *
     * @param reads the state before the poll
     * @param hostRows the other rows of the poll, or at least their {@link #inputs}; the
     *     {@link Table#FINDINGS} rows among them put findings that were not stored and delete
     *     findings that were
     * @param readAhead the {@link #users} of some of the poll's WWPNs, read from the state before
     *     the poll; the others are read now
     */
    static List<Row> rows(Store.ReadView reads, Workers workers, List<List<Row>> hostRows,
            Map<Long, Set<DeviceRef>> readAhead) {
        Map<Long, WwpnChange> wwpns = wwpnChanges(hostRows);
        Map<Long, Set<DeviceRef>> users = new HashMap<>(readAhead);
        users.putAll(users(reads, workers, wwpns.keySet().stream().filter(wwpn -> !readAhead.containsKey(wwpn)).toList()));
        List<Row> rows = new ArrayList<>();
        Map<Finding.Kind, Long> deltas = new EnumMap<>(Finding.Kind.class);
        for (List<Row> host : hostRows) {
            for (Row row : host) {
                if (row.table() == Table.FINDINGS) {
                    count(deltas, row);
                }
            }
        }
        wwpns.forEach((wwpn, change) -> duplicateRows(wwpn, users.get(wwpn), change).forEach(row -> {
            rows.add(row);
            count(deltas, row);
        }));
        deltas.forEach((kind, delta) -> {
            if (delta != 0) {
                rows.add(countRow(reads, kind, delta));
            }
        });
        return rows;
    }

    /** The devices a poll adds to and removes from one WWPN's {@link Table#BY_WWPN} rows. */
    private static final class WwpnChange {
        final Set<DeviceRef> added = new HashSet<>();
        final Set<DeviceRef> removed = new HashSet<>();
    }

    private static List<Row> duplicateRows(long wwpn, Set<DeviceRef> stored, WwpnChange change) {
        Set<DeviceRef> users = new HashSet<>(stored);
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
