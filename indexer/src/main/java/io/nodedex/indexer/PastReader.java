package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link PastState} over a {@link Store}: every answer is today's answer computed by the same code
 * (core's {@link VhbaAssignment} and {@link Audit}) over the devices {@link HostsAt} reads as they
 * were at the time. Every call reads one RocksDB snapshot. Immutable; any thread.
 */
final class PastReader implements PastState {

    private static final byte[] NO_PREFIX = new byte[0];

    private final Store store;
    private final HostKeys hostKeys;
    private final HistoryReader history;
    private final Instant time;
    private final HostsAt hosts;

    PastReader(Store store, HostKeys hostKeys, HistoryReader history, Instant time) {
        this.store = store;
        this.hostKeys = hostKeys;
        this.history = history;
        this.time = time;
        this.hosts = new HostsAt(hostKeys, DeviceHistory.micros(time));
    }

    @Override
    public Instant time() {
        return time;
    }

    @Override
    public Page<PastHost> hosts(PageRequest page) {
        return read(view -> {
            KeyedPage<PastHost> hostsPage = new KeyedPage<>(NO_PREFIX, page);
            hosts.walk(view, hostsPage.from(), host -> hostsPage.offer(Keys.hostId(host.hostId()), past(view, host)));
            return hostsPage.page();
        });
    }

    @Override
    public Optional<PastHost> host(String hostId) {
        return read(view -> hosts.host(view, hostId).map(host -> past(view, host)));
    }

    @Override
    public List<Device> devices(String hostId) {
        return read(view -> hosts.host(view, hostId).map(HostsAt.HostThen::devices).orElse(List.of()));
    }

    @Override
    public Page<Device> devices(String hostId, Predicate<Device> filter, PageRequest page) {
        long hostKey = hostKeys.keyOf(hostId);
        return read(view -> {
            KeyedPage<Device> devices = new KeyedPage<>(Keys.host(hostKey), page);
            for (Device device : hosts.host(view, hostId).map(HostsAt.HostThen::devices).orElse(List.of())) {
                if (filter.test(device) && !devices.offer(Keys.device(hostKey, device.name()), device)) {
                    break;
                }
            }
            return devices.page();
        });
    }

    @Override
    public Page<HostDevice> devicesByFabric(Wwn fabricWwn, PageRequest page) {
        long fabric = fabricWwn.value();
        return read(view -> {
            KeyedPage<HostDevice> members = new KeyedPage<>(Keys.longs(fabric), page);
            hosts.walk(view, HostsAt.hostPart(members.from(), Keys.LONG), host -> {
                for (Device device : host.devices()) {
                    if (device.fcHost().flatMap(fc -> fc.fabricWwn()).filter(f -> f.value() == fabric).isPresent()
                            && !members.offer(Keys.byWwn(fabric, host.hostId(), device.name()),
                                    new HostDevice(host.hostId(), device))) {
                        return false;
                    }
                }
                return true;
            });
            return members.page();
        });
    }

    @Override
    public Page<VhbaAssignment> vhbaAssignments(PageRequest page) {
        return read(view -> {
            KeyedPage<VhbaAssignment> vhbas = new KeyedPage<>(NO_PREFIX, page);
            hosts.walk(view, HostsAt.hostPart(vhbas.from(), 0), host -> offerVhbas(vhbas, host));
            return vhbas.page();
        });
    }

    @Override
    public Page<VhbaAssignment> vhbaAssignments(String hostId, PageRequest page) {
        return read(view -> {
            KeyedPage<VhbaAssignment> vhbas = new KeyedPage<>(Keys.hostPrefix(hostId), page);
            hosts.host(view, hostId).ifPresent(host -> offerVhbas(vhbas, host));
            return vhbas.page();
        });
    }

    /** Offers the host's vHBAs, as {@link VhbaAssignment#of(Map)} assigns them; whether the page wants more. */
    private static boolean offerVhbas(KeyedPage<VhbaAssignment> page, HostsAt.HostThen host) {
        for (VhbaAssignment vhba : VhbaAssignment.of(Map.of(host.hostId(), host.devices()))) {
            if (!page.offer(Keys.hostDevice(host.hostId(), vhba.vhba().name()), vhba)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public AuditPage findings(PageRequest page) {
        return read(view -> {
            Findings findings = new Findings(new KeyedPage<>(NO_PREFIX, page).from(), page.limit());
            duplicateWwpns(view, findings);
            hosts.walk(view, NO_PREFIX, host -> {
                Audit.ofHost(host.hostId(), host.devices()).forEach(findings::offer);
                return true;
            });
            return findings.page();
        });
    }

    /**
     * Offers the {@link Finding.Kind#DUPLICATE_WWPN} findings at the time: one seek per WWPN ever
     * held, and for those held by then, the holders then as {@link IndexReader#wwpnMatches(Wwn,
     * Instant, PageRequest)} finds them.
     */
    private void duplicateWwpns(Store.ReadView view, Findings findings) {
        long micros = DeviceHistory.micros(time);
        byte[] from = NO_PREFIX;
        while (true) {
            byte[][] first = {null};
            view.scan(Table.WWPN_HISTORY, NO_PREFIX, from, (key, value) -> {
                first[0] = key;
                return false;
            });
            if (first[0] == null) {
                return;
            }
            long wwpn = Keys.longAt(first[0], 0);
            if (Keys.longAt(first[0], Keys.LONG) <= micros) {
                List<DeviceRef> holders = history.matchesAt(view, new Wwn(wwpn), time, PageRequest.first(1)).all();
                Audit.duplicateWwpn(new Wwn(wwpn), holders).ifPresent(findings::offer);
            }
            if (wwpn == -1L) {
                return;
            }
            from = Keys.longs(wwpn + 1);
        }
    }

    /**
     * The findings of one audit page, offered in any order: counted by kind, and the first
     * {@code limit + 1} at or after the page's position kept in the audit's order.
     */
    private static final class Findings {
        private final byte[] from;
        private final int limit;
        private final Map<Finding.Kind, Long> counts = new EnumMap<>(Finding.Kind.class);
        private final TreeMap<byte[], Finding> kept = new TreeMap<>(Arrays::compareUnsigned);

        Findings(byte[] from, int limit) {
            this.from = from;
            this.limit = limit;
        }

        void offer(Finding finding) {
            counts.merge(finding.kind(), 1L, Long::sum);
            byte[] key = Keys.finding(finding);
            if (Arrays.compareUnsigned(key, from) >= 0) {
                kept.put(key, finding);
                if (kept.size() > limit + 1) {
                    kept.pollLastEntry();
                }
            }
        }

        AuditPage page() {
            KeyedPage<Finding> page = new KeyedPage<>(NO_PREFIX, PageRequest.first(limit));
            kept.forEach(page::offer);
            return new AuditPage(page.page(), counts);
        }
    }

    private PastHost past(Store.ReadView view, HostsAt.HostThen host) {
        long micros = DeviceHistory.micros(time);
        Optional<HostRecord> record = view.get(Table.HOSTS, Keys.host(host.hostKey())).map(StoredValues::host)
                .filter(stored -> stored.hostId().equals(host.hostId()));
        Optional<Instant> last = record.map(HostRecord::lastSeen).filter(seen -> DeviceHistory.micros(seen) <= micros);
        return new PastHost(host.hostId(), last.orElse(DeviceHistory.instant(host.lastVersionMicros())),
                last.isPresent());
    }

    private <T> T read(Function<Store.ReadView, T> query) {
        try (Store.ReadView view = store.readView(true)) {
            return query.apply(view);
        }
    }
}
