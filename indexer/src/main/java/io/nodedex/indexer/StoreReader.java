package io.nodedex.indexer;

import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link IndexReader} over a {@link Store}: every call reads one RocksDB snapshot. Every table a
 * list is read from is keyed in the list's order ({@link Keys}), so lists come in key order and a
 * page is a seek and a scan of its items.
 */
final class StoreReader implements IndexReader {

    private static final byte[] NO_PREFIX = new byte[0];

    private final Store store;
    private final HostKeys hostKeys;
    private final Supplier<IngestStatus> status;
    private final Counters counters;
    private final HistoryReader history;
    private final ChangeReader changes;

    StoreReader(Store store, HostKeys hostKeys, Supplier<IngestStatus> status, Counters counters) {
        this.store = store;
        this.hostKeys = hostKeys;
        this.status = status;
        this.counters = counters;
        this.history = new HistoryReader(hostKeys);
        this.changes = new ChangeReader(hostKeys);
    }

    @Override
    public Page<HostInfo> hosts(PageRequest page) {
        return read(view -> page(view, Table.HOST_IDS, NO_PREFIX, page, (key, value) -> {
            String hostId = Keys.hostIdOf(key);
            return Optional.of(hostRecord(view, hostId).map(StoreReader::info).orElseThrow(() ->
                    corrupt("host '" + hostId + "' is indexed by id but has no host record")));
        }));
    }

    @Override
    public Optional<HostInfo> host(String hostId) {
        return read(view -> hostRecord(view, hostId).map(StoreReader::info));
    }

    @Override
    public List<Device> devices(String hostId) {
        return read(view -> {
            List<Device> devices = new ArrayList<>();
            if (hostRecord(view, hostId).isPresent()) {
                view.scan(Table.DEVICES, Keys.host(hostKeys.keyOf(hostId)),
                        (key, value) -> devices.add(StoredValues.device(value)));
            }
            return devices;
        });
    }

    @Override
    public Page<Device> devices(String hostId, Predicate<Device> filter, PageRequest page) {
        return read(view -> {
            byte[] prefix = Keys.host(hostKeys.keyOf(hostId));
            if (hostRecord(view, hostId).isEmpty()) {
                checkPosition(prefix, page);
                return new Page<>(List.of(), Optional.empty());
            }
            return page(view, Table.DEVICES, prefix, page,
                    (key, value) -> Optional.of(StoredValues.device(value)).filter(filter));
        });
    }

    @Override
    public Optional<Device> device(String hostId, String name) {
        return read(view -> hostRecord(view, hostId).flatMap(host ->
                view.get(Table.DEVICES, Keys.device(hostKeys.keyOf(hostId), name)).map(StoredValues::device)));
    }

    @Override
    public List<HostDevice> devicesByWwpn(Wwn wwpn) {
        return byWwn(Table.BY_WWPN, Keys.longs(wwpn.value()));
    }

    @Override
    public WwpnMatches wwpnMatches(Wwn wwpn, PageRequest page) {
        byte[] prefix = Keys.longs(wwpn.value());
        return read(view -> {
            List<DeviceRef> all = new ArrayList<>();
            view.scan(Table.BY_WWPN, prefix, (key, value) -> all.add(Keys.hostDeviceAt(key, prefix.length)));
            return new WwpnMatches(all, page(view, Table.BY_WWPN, prefix, page,
                    (key, value) -> Optional.of(hostDevice(view, Keys.hostDeviceAt(key, prefix.length)))));
        });
    }

    @Override
    public List<HostDevice> devicesByWwnnWwpn(Wwn wwnn, Wwn wwpn) {
        return byWwn(Table.BY_WWNN_WWPN, Keys.longs(wwnn.value(), wwpn.value()));
    }

    @Override
    public List<HostDevice> devicesByFabric(Wwn fabricWwn) {
        return byWwn(Table.BY_FABRIC, Keys.longs(fabricWwn.value()));
    }

    @Override
    public Page<HostDevice> devicesByFabric(Wwn fabricWwn, PageRequest page) {
        byte[] prefix = Keys.longs(fabricWwn.value());
        return read(view -> page(view, Table.BY_FABRIC, prefix, page,
                (key, value) -> Optional.of(hostDevice(view, Keys.hostDeviceAt(key, prefix.length)))));
    }

    /** Rows of a WWN index: {@code prefix host 0 name}. */
    private List<HostDevice> byWwn(Table index, byte[] prefix) {
        return read(view -> {
            List<HostDevice> devices = new ArrayList<>();
            view.scan(index, prefix, (key, value) -> devices.add(hostDevice(view, Keys.hostDeviceAt(key, prefix.length))));
            return devices;
        });
    }

    @Override
    public List<Device> vportParents(String hostId) {
        return read(view -> {
            List<Device> parents = new ArrayList<>();
            if (hostRecord(view, hostId).isPresent()) {
                long hostKey = hostKeys.keyOf(hostId);
                view.scan(Table.VPORT_PARENTS, Keys.host(hostKey), (key, value) ->
                        parents.add(storedDevice(view, hostKey, Keys.deviceName(key))));
            }
            return parents;
        });
    }

    @Override
    public List<Vhba> vhbas(String hostId) {
        return read(view -> {
            List<Vhba> vhbas = new ArrayList<>();
            if (hostRecord(view, hostId).isPresent()) {
                view.scan(Table.VHBAS, Keys.hostPrefix(hostId), (key, value) -> {
                    Device device = storedDevice(view, hostKeys.keyOf(hostId), Keys.hostDeviceAt(key, 0).name());
                    vhbas.add(new Vhba(hostId, device, device.parent()));
                });
            }
            return vhbas;
        });
    }

    @Override
    public Page<VhbaAssignment> vhbaAssignments(PageRequest page) {
        return read(view -> page(view, Table.VHBAS, NO_PREFIX, page,
                (key, value) -> Optional.of(assignment(view, Keys.hostDeviceAt(key, 0)))));
    }

    @Override
    public Page<VhbaAssignment> vhbaAssignments(String hostId, PageRequest page) {
        return read(view -> page(view, Table.VHBAS, Keys.hostPrefix(hostId), page,
                (key, value) -> Optional.of(assignment(view, Keys.hostDeviceAt(key, 0)))));
    }

    /** A {@link Table#VHBAS} row's vHBA and the device its parent name names, if any. */
    private VhbaAssignment assignment(Store.ReadView view, DeviceRef vhba) {
        long hostKey = hostKeys.keyOf(vhba.host());
        Device device = storedDevice(view, hostKey, vhba.name());
        Optional<Device> parent = device.parent().flatMap(name ->
                view.get(Table.DEVICES, Keys.device(hostKey, name)).map(StoredValues::device));
        return VhbaAssignment.of(vhba.host(), device, parent);
    }

    @Override
    public AuditPage findings(PageRequest page) {
        return read(view -> {
            Map<Finding.Kind, Long> counts = new EnumMap<>(Finding.Kind.class);
            for (Finding.Kind kind : Finding.Kind.values()) {
                view.get(Table.FINDING_COUNTS, Keys.findingCount(kind))
                        .ifPresent(count -> counts.put(kind, StoredValues.count(count)));
            }
            return new AuditPage(page(view, Table.FINDINGS, NO_PREFIX, page,
                    (key, value) -> Optional.of(Keys.findingOf(key))), counts);
        });
    }

    @Override
    public Page<DeviceVersion> deviceHistory(String hostId, String name, PageRequest page) {
        return read(view -> history.versions(view, hostId, name, page));
    }

    @Override
    public Optional<Device> device(String hostId, String name, Instant time) {
        return read(view -> history.deviceAt(view, hostId, name, time));
    }

    @Override
    public Page<WwpnHolding> wwpnHistory(Wwn wwpn, PageRequest page) {
        return read(view -> history.holdings(view, wwpn, page));
    }

    @Override
    public WwpnMatches wwpnMatches(Wwn wwpn, Instant time, PageRequest page) {
        return read(view -> history.matchesAt(view, wwpn, time, page));
    }

    @Override
    public PastState asOf(Instant time) {
        return new PastReader(store, hostKeys, history, time);
    }

    @Override
    public ChangeCursor changeCursorNow() {
        return read(changes::now);
    }

    @Override
    public ChangePage changes(ChangeCursor since, ChangeFilter filter, int limit) {
        return read(view -> changes.page(view, since, filter, limit));
    }

    @Override
    public Optional<Instant> historyKeptFrom() {
        return read(history::keptFrom);
    }

    @Override
    public IngestStatus ingestStatus() {
        return status.get();
    }

    @Override
    public IndexerCounters counters() {
        return counters.snapshot();
    }

    @Override
    public long storageBytes() {
        return store.approximateSizeBytes();
    }

    /** Reads a row into an item of a list, or nothing when the list leaves the row out. */
    @FunctionalInterface
    interface Item<T> {
        Optional<T> of(byte[] key, byte[] value);
    }

    /**
     * One page of the list held by the rows of {@code table} under {@code prefix}: a seek to the
     * page's position, then up to its limit of items, and one more row only to tell where the
     * next page starts.
     */
    static <T> Page<T> page(Store.ReadView view, Table table, byte[] prefix, PageRequest page, Item<T> item) {
        byte[] from = checkPosition(prefix, page);
        List<T> items = new ArrayList<>();
        byte[][] last = {null};
        List<PagePosition> next = new ArrayList<>(1);
        view.scan(table, prefix, from, (key, value) -> {
            Optional<T> read = item.of(key, value);
            if (read.isEmpty()) {
                return true;
            }
            if (items.size() == page.limit()) {
                next.add(PagePosition.between(last[0], key));
                return false;
            }
            items.add(read.get());
            last[0] = key;
            return true;
        });
        return new Page<>(items, next.stream().findFirst());
    }

    /** Where the page starts; a position outside the list is bad input. */
    static byte[] checkPosition(byte[] prefix, PageRequest page) {
        if (page.after().isEmpty()) {
            return prefix;
        }
        byte[] from = page.after().get().bytes();
        if (!Keys.hasPrefix(from, prefix)) {
            throw new InvalidInputException("the page position belongs to another list");
        }
        return from;
    }

    /** The host's record, unless the host is unknown or another id holds its key. */
    private Optional<HostRecord> hostRecord(Store.ReadView view, String hostId) {
        return view.get(Table.HOSTS, Keys.host(hostKeys.keyOf(hostId))).map(StoredValues::host)
                .filter(host -> host.hostId().equals(hostId));
    }

    /** The merged device an index row names; the same batch wrote both. */
    private HostDevice hostDevice(Store.ReadView view, DeviceRef device) {
        return new HostDevice(device.host(), storedDevice(view, hostKeys.keyOf(device.host()), device.name()));
    }

    /** The merged device an index row points at; the same batch wrote both. */
    private static Device storedDevice(Store.ReadView view, long hostKey, String name) {
        return view.get(Table.DEVICES, Keys.device(hostKey, name)).map(StoredValues::device)
                .orElseThrow(() -> corrupt("an index row names device '" + name + "' of host key " + hostKey
                        + " that is not stored"));
    }

    private static IllegalStateException corrupt(String what) {
        return new IllegalStateException("inconsistent indexer database: " + what + "; rebuild it");
    }

    private static HostInfo info(HostRecord host) {
        return new HostInfo(host.hostId(), host.lastSeen());
    }

    private <T> T read(Function<Store.ReadView, T> query) {
        try (Store.ReadView view = store.readView(true)) {
            return query.apply(view);
        }
    }
}
