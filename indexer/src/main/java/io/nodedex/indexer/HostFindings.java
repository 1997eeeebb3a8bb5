package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.Finding;
import io.nodedex.device.Device;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The audit findings confined to one host ({@link Audit#ofHost}: every kind but duplicate WWPNs),
 * kept in {@link Table#FINDINGS} in the same batch as the merged devices they are computed from.
 * Like the index rows, they are a pure function of the host's stored devices, so the findings a
 * host had can always be recomputed and removed exactly (docs/design.md, "No stale index
 * entries").
 *
 * <p>The audit of a host looks only at its vHBAs, its vport-capable devices and the devices its
 * vHBAs name as parents ({@link Audit#ofHost}), which the {@link Table#VHBAS} and
 * {@link Table#VPORT_PARENTS} rows of the host name (whether the named devices exist or not);
 * only those devices are read. A poll that changes no fc_host and no named device leaves the
 * findings as they are, and reads only the host's {@link Table#VHBAS} rows to tell. Pure; any
 * thread.
 */
final class HostFindings {

    private HostFindings() {
    }

    /**
     * The finding rows a poll's merged changes of one host make: findings no longer found are
     * deleted, new ones put.
     *
     * @param reads the state before the poll
     * @param before every merged device the poll changed, by name, as stored before it (empty:
     *     absent)
     * @param after the same devices as the poll leaves them
     */
    static List<Row> changes(Store.ReadView reads, long hostKey, String hostId, Map<String, Optional<Device>> before,
            Map<String, Optional<Device>> after) {
        if (before.isEmpty()) {
            return List.of();
        }
        Set<String> vhbas = new HashSet<>();
        Set<String> namedParents = new HashSet<>();
        reads.scan(Table.VHBAS, Keys.hostPrefix(hostId), (key, value) -> {
            vhbas.add(Keys.hostDeviceAt(key, 0).name());
            if (value.length > 0) {
                namedParents.add(Keys.nameFrom(value, 0));
            }
        });
        boolean fcHostChanged = Stream.concat(before.values().stream(), after.values().stream())
                .anyMatch(device -> device.flatMap(Device::fcHost).isPresent());
        if (!fcHostChanged && before.keySet().stream().noneMatch(namedParents::contains)) {
            return List.of(); // no vHBA, parent or named device changed
        }
        Set<String> audited = new HashSet<>(vhbas);
        audited.addAll(namedParents);
        reads.scan(Table.VPORT_PARENTS, Keys.host(hostKey), (key, value) -> audited.add(Keys.deviceName(key)));
        Map<String, Optional<Device>> stored = new HashMap<>(before);
        Set<String> auditedAfter = new LinkedHashSet<>(audited);
        auditedAfter.addAll(after.keySet());
        after.values().forEach(device -> device.filter(Device::isVhba).flatMap(Device::parent)
                .ifPresent(auditedAfter::add));
        List<Device> old = devices(audited, name -> stored(reads, hostKey, stored, name));
        List<Device> now = devices(auditedAfter,
                name -> after.containsKey(name) ? after.get(name) : stored(reads, hostKey, stored, name));
        return rows(Audit.ofHost(hostId, old), Audit.ofHost(hostId, now));
    }

    private static Optional<Device> stored(Store.ReadView reads, long hostKey, Map<String, Optional<Device>> stored,
            String name) {
        return stored.computeIfAbsent(name, n ->
                reads.get(Table.DEVICES, Keys.device(hostKey, n)).map(StoredValues::device));
    }

    private interface Lookup {
        Optional<Device> device(String name);
    }

    private static List<Device> devices(Set<String> names, Lookup lookup) {
        List<Device> devices = new ArrayList<>();
        for (String name : names) {
            lookup.device(name).ifPresent(devices::add);
        }
        return devices;
    }

    /** Deletes of the findings only in {@code old}, puts of those only in {@code now}, in key order. */
    private static List<Row> rows(List<Finding> old, List<Finding> now) {
        Map<byte[], Boolean> changes = new TreeMap<>(java.util.Arrays::compareUnsigned);
        Set<Finding> kept = new HashSet<>(old);
        kept.retainAll(now);
        old.stream().filter(finding -> !kept.contains(finding)).forEach(finding -> changes.put(Keys.finding(finding), false));
        now.stream().filter(finding -> !kept.contains(finding)).forEach(finding -> changes.put(Keys.finding(finding), true));
        List<Row> rows = new ArrayList<>();
        changes.forEach((key, put) -> rows.add(put ? Row.put(Table.FINDINGS, key, new byte[0])
                : Row.delete(Table.FINDINGS, key)));
        return rows;
    }
}
