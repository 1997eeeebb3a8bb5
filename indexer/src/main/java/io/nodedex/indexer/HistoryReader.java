package io.nodedex.indexer;

import io.nodedex.audit.DeviceRef;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.Wwn;
import io.nodedex.json.DeviceFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history part of {@link StoreReader}: reads {@link Table#DEVICE_HISTORY},
 * {@link Table#WWPN_HISTORY} and {@link Table#HISTORY_HORIZON} within one read view. Stateless
 * but for the host-key function; any thread.
 */
final class HistoryReader {

    private final HostKeys hostKeys;

    HistoryReader(HostKeys hostKeys) {
        this.hostKeys = hostKeys;
    }

    /** One page of a device's versions, oldest first; a page position is a version's key. */
    Page<DeviceVersion> versions(Store.ReadView view, String hostId, String name, PageRequest page) {
        byte[] prefix = Keys.historyPrefix(hostKeys.keyOf(hostId), name);
        byte[] from = StoreReader.checkPosition(prefix, page);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        view.scan(Table.DEVICE_HISTORY, prefix, from, (key, value) -> {
            keys.add(key);
            values.add(value);
            return keys.size() <= page.limit();
        });
        List<DeviceVersion> items = new ArrayList<>();
        int count = Math.min(keys.size(), page.limit());
        // the version before the page's first: what the first one changed
        Optional<Optional<Device>> previous = keys.isEmpty() ? Optional.empty()
                : view.before(Table.DEVICE_HISTORY, prefix, keys.get(0))
                        .map(row -> DeviceHistory.deviceOf(row.getValue()));
        boolean pruned = view.get(Table.HISTORY_HEADS, Keys.device(hostKeys.keyOf(hostId), name))
                .map(DeviceHistory::pruned).orElse(false);
        for (int i = 0; i < count; i++) {
            Optional<Instant> to = i + 1 < keys.size()
                    ? Optional.of(DeviceHistory.instant(Keys.versionMicros(keys.get(i + 1)))) : Optional.empty();
            Optional<Device> device = DeviceHistory.deviceOf(values.get(i));
            items.add(version(DeviceHistory.instant(Keys.versionMicros(keys.get(i))), to, device, previous, pruned));
            previous = Optional.of(device);
        }
        Optional<PagePosition> next = keys.size() > page.limit()
                ? Optional.of(PagePosition.between(keys.get(count - 1), keys.get(count))) : Optional.empty();
        return new Page<>(items, next);
    }

    /**
     * A version with what it changed: {@code previous} is the device as the version before left
     * it, empty when there is no version before (the device appeared then, unless the retention
     * pruned what came before).
     */
    private static DeviceVersion version(Instant from, Optional<Instant> to, Optional<Device> device,
            Optional<Optional<Device>> previous, boolean pruned) {
        if (previous.isEmpty() && pruned && device.isPresent()) {
            return new DeviceVersion(from, to, device, Optional.empty(), List.of());
        }
        Optional<Device> before = previous.flatMap(d -> d);
        if (device.isEmpty()) {
            return new DeviceVersion(from, to, device, Optional.of(Change.Kind.REMOVED), List.of());
        }
        if (before.isEmpty()) {
            return new DeviceVersion(from, to, device, Optional.of(Change.Kind.ADDED), List.of());
        }
        return new DeviceVersion(from, to, device, Optional.of(Change.Kind.CHANGED),
                DeviceFields.between(before.get(), device.get()));
    }

    /** The device as it was at {@code time}: empty when it did not exist then, or had no version kept. */
    Optional<Device> deviceAt(Store.ReadView view, String hostId, String name, Instant time) {
        return versionAt(view, hostKeys.keyOf(hostId), name, time).flatMap(DeviceHistory::deviceOf);
    }

    /**
     * One page of the times fc_hosts held {@code wwpn}, by when each began (then host id, natural
     * name); a page position is the key of the {@link Table#WWPN_HISTORY} row where one begins.
     */
    Page<WwpnHolding> holdings(Store.ReadView view, Wwn wwpn, PageRequest page) {
        return StoreReader.page(view, Table.WWPN_HISTORY, Keys.longs(wwpn.value()), page,
                (key, value) -> holdingFrom(view, wwpn.value(), key));
    }

    /**
     * Every fc_host that held {@code wwpn} at {@code time} by identity, and one page of them as
     * they were then, in {@link HostDevice#ORDER}: the answer of
     * {@link IndexReader#wwpnMatches(Wwn, PageRequest)} as it was then.
     */
    WwpnMatches matchesAt(Store.ReadView view, Wwn wwpn, Instant time, PageRequest page) {
        byte[] prefix = Keys.longs(wwpn.value());
        long micros = DeviceHistory.micros(time);
        Set<DeviceRef> seen = new LinkedHashSet<>();
        view.scan(Table.WWPN_HISTORY, prefix, prefix, (key, value) -> {
            if (Keys.longAt(key, Keys.LONG) > micros) {
                return false;
            }
            seen.add(Keys.wwpnVersionDevice(key));
            return true;
        });
        List<Map.Entry<byte[], HostDevice>> held = new ArrayList<>();
        for (DeviceRef ref : seen) {
            deviceAt(view, ref.host(), ref.name(), time).filter(device -> holds(device, wwpn.value()))
                    .ifPresent(device -> held.add(Map.entry(Keys.hostDevice(ref.host(), ref.name()),
                            new HostDevice(ref.host(), device))));
        }
        held.sort(Map.Entry.comparingByKey(Arrays::compareUnsigned));
        byte[] from = StoreReader.checkPosition(new byte[0], page);
        List<HostDevice> items = new ArrayList<>();
        Optional<PagePosition> next = Optional.empty();
        byte[] lastKey = null;
        for (Map.Entry<byte[], HostDevice> entry : held) {
            if (Arrays.compareUnsigned(entry.getKey(), from) < 0) {
                continue;
            }
            if (items.size() == page.limit()) {
                next = Optional.of(PagePosition.between(lastKey, entry.getKey()));
                break;
            }
            items.add(entry.getValue());
            lastKey = entry.getKey();
        }
        return new WwpnMatches(held.stream().map(e -> new DeviceRef(e.getValue().hostId(),
                e.getValue().device().name())).toList(), new Page<>(items, next));
    }

    /** From when history is complete; empty when nothing was ever pruned. */
    Optional<Instant> keptFrom(Store.ReadView view) {
        return view.get(Table.HISTORY_HORIZON, Keys.historyHorizon())
                .map(bytes -> DeviceHistory.instant(StoredValues.count(bytes)));
    }

    /**
     * The holding that begins with the version a {@link Table#WWPN_HISTORY} row names; empty when
     * the version before it held the WWPN too (the holding began earlier).
     */
    private Optional<WwpnHolding> holdingFrom(Store.ReadView view, long wwpn, byte[] wwpnKey) {
        DeviceRef ref = Keys.wwpnVersionDevice(wwpnKey);
        long micros = Keys.longAt(wwpnKey, Keys.LONG);
        long number = Keys.versionNumber(wwpnKey);
        long hostKey = hostKeys.keyOf(ref.host());
        byte[] prefix = Keys.historyPrefix(hostKey, ref.name());
        if (number > 0) {
            Optional<Map.Entry<byte[], byte[]>> before = view.last(Table.DEVICE_HISTORY, prefix,
                    Keys.deviceVersion(hostKey, ref.name(), micros, number - 1));
            if (before.isPresent() && DeviceHistory.deviceOf(before.get().getValue())
                    .filter(device -> holds(device, wwpn)).isPresent()) {
                return Optional.empty();
            }
        }
        List<Instant> to = new ArrayList<>(1);
        view.scan(Table.DEVICE_HISTORY, prefix, Keys.deviceVersion(hostKey, ref.name(), micros, number + 1),
                (key, value) -> {
                    if (DeviceHistory.deviceOf(value).filter(device -> holds(device, wwpn)).isPresent()) {
                        return true;
                    }
                    to.add(DeviceHistory.instant(Keys.versionMicros(key)));
                    return false;
                });
        return Optional.of(new WwpnHolding(ref.host(), ref.name(), DeviceHistory.instant(micros),
                to.stream().findFirst()));
    }

    private static Optional<byte[]> versionAt(Store.ReadView view, long hostKey, String name, Instant time) {
        return view.last(Table.DEVICE_HISTORY, Keys.historyPrefix(hostKey, name),
                Keys.deviceVersion(hostKey, name, DeviceHistory.micros(time), Long.MAX_VALUE)).map(Map.Entry::getValue);
    }

    private static boolean holds(Device device, long wwpn) {
        return device.fcHost().map(FcHost::wwpn).filter(w -> w.value() == wwpn).isPresent();
    }
}
