package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
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
     * The rows to add to a poll's batch.
     *
     * @param reads the state before the poll
     * @param hostRows the other rows of the poll, or at least their {@link #inputs}; the
     *     {@link Table#FINDINGS} rows among them put findings that were not stored and delete
     *     findings that were
     */
    static List<Row> rows(Store.ReadView reads, List<List<Row>> hostRows) {
        Map<Long, WwpnChange> wwpns = new TreeMap<>(Long::compareUnsigned);
        List<Row> rows = new ArrayList<>();
        Map<Finding.Kind, Long> deltas = new EnumMap<>(Finding.Kind.class);
        for (List<Row> host : hostRows) {
            for (Row row : host) {
                if (row.table() == Table.BY_WWPN) {
                    WwpnChange change = wwpns.computeIfAbsent(Keys.longAt(row.key(), 0), w -> new WwpnChange());
                    DeviceRef device = Keys.hostDeviceAt(row.key(), Keys.LONG);
                    (row.delete() ? change.removed : change.added).add(device);
                } else if (row.table() == Table.FINDINGS) {
                    count(deltas, row);
                }
            }
        }
        wwpns.forEach((wwpn, change) -> duplicateRows(reads, wwpn, change).forEach(row -> {
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

    private static final class WwpnChange {
        final Set<DeviceRef> added = new HashSet<>();
        final Set<DeviceRef> removed = new HashSet<>();
    }

    private static List<Row> duplicateRows(Store.ReadView reads, long wwpn, WwpnChange change) {
        Set<DeviceRef> users = new HashSet<>();
        reads.scan(Table.BY_WWPN, Keys.longs(wwpn), (key, value) -> users.add(Keys.hostDeviceAt(key, Keys.LONG)));
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
