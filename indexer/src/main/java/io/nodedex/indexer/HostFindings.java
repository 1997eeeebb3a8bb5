package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.Finding;
import io.nodedex.device.Device;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit findings confined to one host ({@link Audit#ofHost}: every kind but duplicate WWPNs),
 * kept in {@link Table#FINDINGS} in the same batch as the merged devices they are computed from.
 * Like the index rows, they are a pure function of the host's stored devices, so the findings a
 * host had can always be recomputed and removed exactly (docs/design.md, "No stale index
 * entries").
 *
 * <p>Every such finding belongs to one family of the host ({@link Audit#ofFamily}): a parent name,
 * the device of that name and the vHBAs naming it. A changed device can change only the findings
 * of the family of its own name and of the family of the parent it names (as a vHBA, before or
 * after the poll), so only those families are recomputed: the host's {@link Table#VHBAS} rows (one
 * prefix scan) tell which vHBAs name each parent, and only the members of the touched families
 * that the poll did not change are read and decoded. A churned HBA costs its own vHBAs, not its
 * host. Pure; any thread.
 */
final class HostFindings {

    /** The family of the vHBAs that name no parent. */
    private static final Optional<String> NO_PARENT = Optional.empty();
    /** The family of no parent first, then parent names in order. */
    private static final Comparator<Optional<String>> FAMILY_ORDER =
            Comparator.comparing((Optional<String> family) -> family.isPresent())
                    .thenComparing(family -> family.orElse(""));

    private HostFindings() {
    }

    /**
     * The finding rows a poll's merged changes of one host make: findings no longer found are
     * deleted, new ones put.
     *
     * @param reads the state before the poll
     * @param devicesStored whether the host may have stored devices (false: it has no stored
     *     record, and so no devices, and nothing is read)
     * @param before every merged device the poll changed, by name, as stored before it (empty:
     *     absent)
     * @param after the same devices as the poll leaves them
     */
    static List<Row> changes(Store.ReadView reads, long hostKey, String hostId, boolean devicesStored,
            Map<String, Optional<Device>> before, Map<String, Optional<Device>> after) {
        if (before.isEmpty()) {
            return List.of();
        }
        Map<Optional<String>, Set<String>> childrenBefore = new HashMap<>();
        Map<String, Optional<String>> storedParentNames = new HashMap<>();
        if (devicesStored) {
            reads.scan(Table.VHBAS, Keys.hostPrefix(hostId), (key, value) -> {
                String vhba = Keys.hostDeviceAt(key, 0).name();
                Optional<String> parentName = value.length > 0 ? Optional.of(Keys.nameFrom(value, 0)) : NO_PARENT;
                childrenBefore.computeIfAbsent(parentName, p -> new TreeSet<>()).add(vhba);
                storedParentNames.put(vhba, parentName);
            });
        }
        Map<Optional<String>, Set<String>> childrenAfter = new HashMap<>();
        childrenBefore.forEach((parentName, vhbas) -> childrenAfter.put(parentName, new TreeSet<>(vhbas)));
        Set<Optional<String>> families = new TreeSet<>(FAMILY_ORDER);
        before.forEach((name, device) -> {
            Optional<String> own = Optional.of(name);
            if (childrenBefore.containsKey(own) || device.filter(Device::isVportCapable).isPresent()
                    || after.get(name).filter(Device::isVportCapable).isPresent()) {
                families.add(own); // else its family has findings only if a vHBA of the poll names it, added below
            }
            Optional<String> was = storedParentNames.get(name);
            if (was != null) {
                childrenAfter.get(was).remove(name);
                families.add(was);
            }
            after.get(name).filter(Device::isVhba).ifPresent(vhba -> {
                childrenAfter.computeIfAbsent(vhba.parent(), p -> new TreeSet<>()).add(name);
                families.add(vhba.parent());
            });
        });
        Map<String, Optional<Device>> read = new HashMap<>();
        Lookup old = name -> before.containsKey(name) ? before.get(name)
                : devicesStored ? stored(reads, hostKey, read, name) : Optional.empty();
        Lookup now = name -> after.containsKey(name) ? after.get(name) : old.device(name);
        List<Finding> oldFindings = new ArrayList<>();
        List<Finding> newFindings = new ArrayList<>();
        for (Optional<String> family : families) {
            oldFindings.addAll(findings(hostId, family, childrenBefore, old));
            newFindings.addAll(findings(hostId, family, childrenAfter, now));
        }
        return rows(oldFindings, newFindings);
    }

    /** The findings of one family, as {@code devices} has its members; none for a family of no vHBA and no parent. */
    private static List<Finding> findings(String hostId, Optional<String> family,
            Map<Optional<String>, Set<String>> children, Lookup devices) {
        Set<String> vhbaNames = children.getOrDefault(family, Set.of());
        Optional<Device> parent = family.flatMap(devices::device);
        if (vhbaNames.isEmpty() && !parent.map(Device::isVportCapable).orElse(false)) {
            return List.of();
        }
        List<Device> vhbas = new ArrayList<>();
        for (String name : vhbaNames) {
            vhbas.add(devices.device(name).orElseThrow(() -> new IllegalStateException(
                    "inconsistent indexer database: host " + hostId + " lists vHBA " + name
                            + " without its device; rebuild it")));
        }
        return Audit.ofFamily(hostId, parent, family, vhbas);
    }

    private static Optional<Device> stored(Store.ReadView reads, long hostKey, Map<String, Optional<Device>> stored,
            String name) {
        return stored.computeIfAbsent(name, n ->
                reads.get(Table.DEVICES, Keys.device(hostKey, n)).map(StoredValues::device));
    }

    private interface Lookup {
        Optional<Device> device(String name);
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
