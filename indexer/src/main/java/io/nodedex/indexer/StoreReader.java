package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link IndexReader} over a {@link Store}: every call reads one RocksDB snapshot. */
final class StoreReader implements IndexReader {

    private static final Comparator<Device> BY_NAME = Comparator.comparing(Device::name, NaturalOrder.NAMES);

    private final Store store;
    private final HostKeys hostKeys;
    private final Supplier<IngestStatus> status;
    private final Counters counters;

    StoreReader(Store store, HostKeys hostKeys, Supplier<IngestStatus> status, Counters counters) {
        this.store = store;
        this.hostKeys = hostKeys;
        this.status = status;
        this.counters = counters;
    }

    @Override
    public List<HostInfo> hosts() {
        return read(view -> {
            List<HostInfo> hosts = new ArrayList<>();
            view.scanAll(Table.HOSTS, (key, value) -> hosts.add(info(StoredValues.host(value))));
            hosts.sort(Comparator.comparing(HostInfo::hostId));
            return hosts;
        });
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
            devices.sort(BY_NAME);
            return devices;
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
    public List<HostDevice> devicesByWwnnWwpn(Wwn wwnn, Wwn wwpn) {
        return byWwn(Table.BY_WWNN_WWPN, Keys.longs(wwnn.value(), wwpn.value()));
    }

    @Override
    public List<HostDevice> devicesByFabric(Wwn fabricWwn) {
        return byWwn(Table.BY_FABRIC, Keys.longs(fabricWwn.value()));
    }

    @Override
    public List<HostDevice> allDevices() {
        return read(view -> {
            Map<Long, String> hostIds = new HashMap<>();
            List<HostDevice> devices = new ArrayList<>();
            view.scanAll(Table.DEVICES, (key, value) -> {
                String hostId = hostIds.computeIfAbsent(Keys.longAt(key, 0), k -> storedHostId(view, k));
                devices.add(new HostDevice(hostId, StoredValues.device(value)));
            });
            devices.sort(HostDevice.ORDER);
            return devices;
        });
    }

    /** Rows of a WWN index: {@code prefix hk name}. */
    private List<HostDevice> byWwn(Table index, byte[] prefix) {
        return read(view -> {
            Map<Long, String> hostIds = new HashMap<>();
            List<HostDevice> devices = new ArrayList<>();
            view.scan(index, prefix, (key, value) -> {
                long hostKey = Keys.longAt(key, prefix.length);
                String name = Keys.nameFrom(key, prefix.length + Keys.LONG);
                String hostId = hostIds.computeIfAbsent(hostKey, k -> storedHostId(view, k));
                devices.add(new HostDevice(hostId, storedDevice(view, hostKey, name)));
            });
            devices.sort(HostDevice.ORDER);
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
                        parents.add(storedDevice(view, hostKey, Keys.nameFrom(key, Keys.LONG))));
            }
            parents.sort(BY_NAME);
            return parents;
        });
    }

    @Override
    public List<Vhba> vhbas(String hostId) {
        return read(view -> {
            List<Vhba> vhbas = new ArrayList<>();
            if (hostRecord(view, hostId).isPresent()) {
                long hostKey = hostKeys.keyOf(hostId);
                view.scan(Table.VHBAS, Keys.host(hostKey), (key, value) -> vhbas.add(vhba(view, hostId, key, value)));
            }
            vhbas.sort(Vhba.ORDER);
            return vhbas;
        });
    }

    @Override
    public List<Vhba> vhbas() {
        return read(view -> {
            Map<Long, String> hostIds = new HashMap<>();
            List<Vhba> vhbas = new ArrayList<>();
            view.scanAll(Table.VHBAS, (key, value) -> {
                String hostId = hostIds.computeIfAbsent(Keys.longAt(key, 0), k -> storedHostId(view, k));
                vhbas.add(vhba(view, hostId, key, value));
            });
            vhbas.sort(Vhba.ORDER);
            return vhbas;
        });
    }

    /** A {@link Table#VHBAS} row: {@code hk name} → parent name. */
    private static Vhba vhba(Store.ReadView view, String hostId, byte[] key, byte[] value) {
        Device device = storedDevice(view, Keys.longAt(key, 0), Keys.nameFrom(key, Keys.LONG));
        String parent = Keys.nameFrom(value, 0);
        return new Vhba(hostId, device, parent.isEmpty() ? Optional.empty() : Optional.of(parent));
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

    /** The host's record, unless the host is unknown or another id holds its key. */
    private Optional<HostRecord> hostRecord(Store.ReadView view, String hostId) {
        return view.get(Table.HOSTS, Keys.host(hostKeys.keyOf(hostId))).map(StoredValues::host)
                .filter(host -> host.hostId().equals(hostId));
    }

    private static String storedHostId(Store.ReadView view, long hostKey) {
        return view.get(Table.HOSTS, Keys.host(hostKey)).map(StoredValues::host).map(HostRecord::hostId)
                .orElseThrow(() -> corrupt("an index row names host key " + hostKey + " that has no host record"));
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
