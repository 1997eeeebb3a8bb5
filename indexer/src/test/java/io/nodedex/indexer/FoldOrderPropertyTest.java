package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.audit.Audit;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Order never changes the answer" (docs/design.md) at the fold, as a seeded property: for random
 * fleets of agent event streams, however hosts interleave, however polls are cut, and with
 * duplicates and stale replays mixed in, the state is the one a single ordered pass gives, and
 * every index row is exactly one derived from a stored device ("No stale index entries"). The
 * audit findings the indexer keeps are exactly what core's {@link Audit} finds over the stored
 * devices, and every paged list, walked a few items at a time, is the whole list. A failing seed
 * reproduces the case.
 */
class FoldOrderPropertyTest {

    private static final int POOL_SIZE = 6;
    private static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 50);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void interleavingsDuplicatesAndPollCutsNeverChangeTheState(long seed) {
        Random random = new Random(seed);
        List<List<Event>> streams = randomFleet(random);
        List<Event> ordered = Logs.ordered(streams);
        List<Event> shuffled = Logs.interleaveWithReplays(streams, random);

        Path orderedDirectory = Logs.temporaryDirectory();
        Path shuffledDirectory = Logs.temporaryDirectory();
        try (FoldHarness single = FoldHarness.open(orderedDirectory);
                FoldHarness replica = FoldHarness.open(shuffledDirectory)) {
            single.poll(ordered);
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(12));
                replica.poll(shuffled.subList(from, to));
                from = to;
            }

            // the two sources of one host interleave freely here, which a log never does (one host,
            // one partition, one order for every replica): the current state is the same, the
            // history (which records that order) is not compared
            assertThat(replica.currentStateDigest()).as("digest after %d shuffled events", shuffled.size())
                    .isEqualTo(single.currentStateDigest());
            assertIndexesAreExactlyDerived(replica);
            assertFindingsAreTheAuditOfTheStoredDevices(replica);
            assertEveryListWalkedInPagesIsTheWholeList(replica.reader(), 1 + random.nextInt(3));
        } finally {
            Logs.deleteRecursively(orderedDirectory);
            Logs.deleteRecursively(shuffledDirectory);
        }
    }

    /**
     * With each host's events in one log order, as its partition gives them to every replica, the
     * whole state, history included, never depends on how hosts interleave, on duplicates or on
     * how polls are cut (docs/design.md, "History is state").
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void hostInterleavingsDuplicatesAndPollCutsNeverChangeTheHistory(long seed) {
        Random random = new Random(seed);
        List<List<Event>> hostLogs = byHost(randomFleet(random), random);
        List<Event> ordered = Logs.ordered(hostLogs);
        List<Event> shuffled = Logs.interleaveWithReplays(hostLogs, random);

        Path orderedDirectory = Logs.temporaryDirectory();
        Path shuffledDirectory = Logs.temporaryDirectory();
        try (FoldHarness single = FoldHarness.open(orderedDirectory);
                FoldHarness replica = FoldHarness.open(shuffledDirectory)) {
            single.poll(ordered);
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(12));
                replica.poll(shuffled.subList(from, to));
                from = to;
            }

            assertThat(replica.keys(Table.DEVICE_HISTORY)).isNotEmpty();
            assertThat(replica.digest()).as("digest after %d shuffled events", shuffled.size())
                    .isEqualTo(single.digest());
        } finally {
            Logs.deleteRecursively(orderedDirectory);
            Logs.deleteRecursively(shuffledDirectory);
        }
    }

    /**
     * The indexer folds each host's events, and works out its rows, on a worker of its own: that
     * writes exactly what folding the same polls event by event, in one thread, writes.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void foldingEachHostOnAThreadOfItsOwnWritesWhatFoldingEventByEventWrites(long seed) {
        Random random = new Random(seed);
        List<Event> log = Logs.interleaveWithReplays(byHost(randomFleet(random), random), random);

        Path oneByOneDirectory = Logs.temporaryDirectory();
        Path byHostDirectory = Logs.temporaryDirectory();
        try (FoldHarness oneByOne = FoldHarness.open(oneByOneDirectory);
                FoldHarness byHost = FoldHarness.open(byHostDirectory)) {
            for (int from = 0; from < log.size(); ) {
                int to = Math.min(log.size(), from + 1 + random.nextInt(12));
                List<Event> poll = log.subList(from, to);
                assertThat(byHost.pollByHost(poll)).isEqualTo(oneByOne.poll(poll));
                from = to;
            }

            assertThat(byHost.keys(Table.DEVICE_HISTORY)).isNotEmpty();
            assertThat(byHost.digest()).isEqualTo(oneByOne.digest());
            assertThat(byHost.counters()).isEqualTo(oneByOne.counters());
        } finally {
            Logs.deleteRecursively(oneByOneDirectory);
            Logs.deleteRecursively(byHostDirectory);
        }
    }

    /** Each host's log: its sources' streams interleaved in one random order, each stream in order. */
    private static List<List<Event>> byHost(List<List<Event>> streams, Random random) {
        Map<String, List<List<Event>>> hosts = new TreeMap<>();
        for (List<Event> stream : streams) {
            hosts.computeIfAbsent(stream.get(0).header().hostId(), h -> new ArrayList<>()).add(stream);
        }
        List<List<Event>> logs = new ArrayList<>();
        for (List<List<Event>> sources : hosts.values()) {
            logs.add(Logs.interleaveWithReplays(sources, random).stream().distinct().toList());
        }
        return logs;
    }

    @Test
    void theSeededFleetsHaveEveryKindOfFinding() {
        Set<Finding.Kind> found = EnumSet.noneOf(Finding.Kind.class);
        for (long seed : seeds().toArray()) {
            Path directory = Logs.temporaryDirectory();
            try (FoldHarness fold = FoldHarness.open(directory)) {
                fold.poll(Logs.ordered(randomFleet(new Random(seed))));
                Pages.all(page -> fold.reader().findings(page).page()).forEach(finding -> found.add(finding.kind()));
            } finally {
                Logs.deleteRecursively(directory);
            }
        }

        assertThat(found).containsExactlyInAnyOrder(Finding.Kind.values());
    }

    /**
     * One to six (host, source) streams, each what an agent source publishes: a snapshot, then
     * up to 25 random snapshots, upserts, removals, heartbeats and restarts (a new incarnation
     * starting with a snapshot).
     */
    static List<List<Event>> randomFleet(Random random) {
        List<List<Event>> streams = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int count = 1 + random.nextInt(6);
        while (streams.size() < count) {
            String hostId = HOSTS.get(random.nextInt(HOSTS.size()));
            Source source = Source.values()[random.nextInt(Source.values().length)];
            if (used.add(hostId + source)) {
                streams.add(randomStream(new Events(hostId, source, 1), random));
            }
        }
        return streams;
    }

    private static List<Event> randomStream(Events events, Random random) {
        List<Event> published = new ArrayList<>();
        published.add(events.snapshot(pool(List.of(0, 1, 2), 0)));
        int actions = random.nextInt(26);
        for (int i = 0; i < actions; i++) {
            int device = random.nextInt(POOL_SIZE);
            int variant = random.nextInt(3);
            switch (random.nextInt(5)) {
                case 0:
                    published.add(events.snapshot(pool(randomMembers(random), variant)));
                    break;
                case 1:
                    published.add(events.upsert(device(device, variant)));
                    break;
                case 2:
                    published.add(events.remove(device(device, 0).name()));
                    break;
                case 3:
                    published.add(events.heartbeat());
                    break;
                default:
                    published.add(events.restart().snapshot(pool(randomMembers(random), variant)));
            }
        }
        return published;
    }

    private static List<Integer> randomMembers(Random random) {
        List<Integer> members = new ArrayList<>();
        for (int index = 0; index < POOL_SIZE; index++) {
            if (random.nextBoolean()) {
                members.add(index);
            }
        }
        return members;
    }

    /**
     * Rule 3: the index tables hold exactly the rows derived from the stored merged devices, and
     * the hosts by id exactly the stored hosts.
     */
    private static void assertIndexesAreExactlyDerived(FoldHarness fold) {
        Set<IndexEntry> expected = new HashSet<>();
        for (HostInfo host : Pages.all(fold.reader()::hosts)) {
            long hostKey = HostKeys.FARM_HASH.keyOf(host.hostId());
            fold.reader().devices(host.hostId())
                    .forEach(device -> expected.addAll(IndexEntries.of(hostKey, host.hostId(), device)));
        }
        Set<IndexEntry> actual = new HashSet<>();
        for (HostInfo host : Pages.all(fold.reader()::hosts)) {
            expected.add(IndexEntry.keyOnly(Table.HOST_IDS, Keys.hostId(host.hostId())));
        }
        for (Table table : List.of(Table.HOST_IDS, Table.BY_WWPN, Table.BY_WWNN_WWPN, Table.BY_FABRIC,
                Table.VPORT_PARENTS, Table.VHBAS)) {
            fold.rows(table).forEach((key, value) -> actual.add(new IndexEntry(table, key, value)));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** The findings and their counts are what core's audit finds over every stored device. */
    private static void assertFindingsAreTheAuditOfTheStoredDevices(FoldHarness fold) {
        IndexReader reader = fold.reader();
        List<Finding> expected = Audit.of(storedDevices(reader));
        Map<Finding.Kind, Long> expectedCounts = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind kind : Finding.Kind.values()) {
            expectedCounts.put(kind, expected.stream().filter(finding -> finding.kind() == kind).count());
        }

        assertThat(Pages.all(page -> reader.findings(page).page())).isEqualTo(expected);
        assertThat(reader.findings(PageRequest.first(1)).counts()).isEqualTo(expectedCounts);
        assertThat(Pages.all(reader::vhbaAssignments)).isEqualTo(VhbaAssignment.of(storedDevices(reader)));
    }

    /** Walking any paged list {@code limit} items at a time gives the whole list, in order. */
    private static void assertEveryListWalkedInPagesIsTheWholeList(IndexReader reader, int limit) {
        List<HostInfo> hosts = Pages.all(reader::hosts);
        assertThat(hosts).extracting(HostInfo::hostId).isSorted().doesNotHaveDuplicates();
        assertThat(Pages.walk(reader::hosts, limit)).isEqualTo(hosts);
        assertThat(Pages.walk(page -> reader.findings(page).page(), limit))
                .isEqualTo(Pages.all(page -> reader.findings(page).page()));
        assertThat(Pages.walk(reader::vhbaAssignments, limit)).isEqualTo(Pages.all(reader::vhbaAssignments));
        Set<Wwn> wwpns = new TreeSet<>();
        Set<Wwn> fabrics = new TreeSet<>();
        for (HostInfo host : hosts) {
            String id = host.hostId();
            List<Device> devices = reader.devices(id);
            assertThat(devices).extracting(Device::name).isSortedAccordingTo(NaturalOrder.NAMES);
            assertThat(Pages.walk(page -> reader.devices(id, device -> true, page), limit)).isEqualTo(devices);
            assertThat(Pages.walk(page -> reader.devices(id, Device::isVhba, page), limit))
                    .isEqualTo(devices.stream().filter(Device::isVhba).toList());
            assertThat(Pages.walk(page -> reader.vhbaAssignments(id, page), limit))
                    .isEqualTo(VhbaAssignment.of(Map.of(id, devices)));
            devices.forEach(device -> device.fcHost().ifPresent(fc -> {
                wwpns.add(fc.wwpn());
                fc.fabricWwn().ifPresent(fabrics::add);
            }));
        }
        for (Wwn wwpn : wwpns) {
            List<HostDevice> matches = reader.devicesByWwpn(wwpn);
            assertThat(matches).isSortedAccordingTo(HostDevice.ORDER);
            assertThat(Pages.walk(page -> reader.wwpnMatches(wwpn, page).page(), limit)).isEqualTo(matches);
            assertThat(reader.wwpnMatches(wwpn, PageRequest.first(1)).all())
                    .isEqualTo(matches.stream().map(m -> new DeviceRef(m.hostId(), m.device().name())).toList());
        }
        for (Wwn fabric : fabrics) {
            List<HostDevice> members = reader.devicesByFabric(fabric);
            assertThat(members).isSortedAccordingTo(HostDevice.ORDER);
            assertThat(Pages.walk(page -> reader.devicesByFabric(fabric, page), limit)).isEqualTo(members);
        }
    }

    /** Every stored device, by host. */
    static Map<String, List<Device>> storedDevices(IndexReader reader) {
        Map<String, List<Device>> devices = new TreeMap<>();
        Pages.all(reader::hosts).forEach(host -> devices.put(host.hostId(), reader.devices(host.hostId())));
        return devices;
    }

    /**
     * Device {@code index} of the pool in one of its variants (WWPN, fabric, parent, counts), so
     * that fleets have every kind of audit finding: the same WWPN on several hosts, vHBAs naming a
     * missing parent, no parent, a PCI device or another vHBA, a parent over capacity, fabrics and
     * vport counts that disagree.
     */
    static Device device(int index, int variant) {
        long wwpn = 0x1000_0000_0000_0000L + index * 16 + (variant == 2 ? 1 : 0);
        long wwnn = 0x2000_0000_0000_0000L + index * 16;
        long fabric = 0x2000_0000_4321_0000L + variant;
        switch (index) {
            case 0:
                return Devices.pci("pci_0000_05_00_0");
            case 1:
                return Devices.hba("scsi_host1", wwnn, wwpn, fabric);
            case 2:
                return Devices.liveHba("scsi_host2", wwnn, wwpn, fabric, variant == 1 ? "Linkdown" : "Online",
                        variant == 2 ? 1 : 255, variant);
            case 3:
                return Devices.vhba("scsi_host10", variant == 2 ? Optional.empty()
                        : Optional.of(variant == 0 ? "scsi_host1" : "scsi_host2"), wwnn, wwpn, fabric);
            case 4:
                return Devices.hbaWithoutFabric("scsi_host3", wwnn, wwpn);
            default:
                return Devices.vhba("scsi_host11", List.of("scsi_host2", "pci_0000_05_00_0", "scsi_host10").get(variant),
                        wwnn, wwpn + variant, fabric);
        }
    }

    private static Device[] pool(List<Integer> members, int variant) {
        return members.stream().map(index -> device(index, variant)).toArray(Device[]::new);
    }
}
