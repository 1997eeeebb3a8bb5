package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Order never changes the answer" (docs/design.md) at the fold, as a seeded property: for random
 * fleets of agent event streams, however hosts interleave, however polls are cut, and with
 * duplicates and stale replays mixed in, the state is the one a single ordered pass gives, and
 * every index row is exactly one derived from a stored device ("No stale index entries"). A
 * failing seed reproduces the case.
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

            assertThat(replica.digest()).as("digest after %d shuffled events", shuffled.size())
                    .isEqualTo(single.digest());
            assertIndexesAreExactlyDerived(replica);
        } finally {
            Logs.deleteRecursively(orderedDirectory);
            Logs.deleteRecursively(shuffledDirectory);
        }
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

    /** Rule 3: the index tables hold exactly the rows derived from the stored merged devices. */
    private static void assertIndexesAreExactlyDerived(FoldHarness fold) {
        Set<IndexEntry> expected = new HashSet<>();
        for (HostInfo host : fold.reader().hosts()) {
            long hostKey = HostKeys.FARM_HASH.keyOf(host.hostId());
            fold.reader().devices(host.hostId()).forEach(device -> expected.addAll(IndexEntries.of(hostKey, device)));
        }
        Set<IndexEntry> actual = new HashSet<>();
        for (Table table : List.of(Table.BY_WWPN, Table.BY_WWNN_WWPN, Table.BY_FABRIC, Table.VPORT_PARENTS, Table.VHBAS)) {
            fold.rows(table).forEach((key, value) -> actual.add(new IndexEntry(table, key, value)));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** Device {@code index} of the pool in one of its variants (WWPN, fabric, parent, counts). */
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
                return Devices.liveHba("scsi_host2", wwnn, wwpn, fabric, variant == 1 ? "Linkdown" : "Online", 255,
                        variant);
            case 3:
                return Devices.vhba("scsi_host10", variant == 0 ? "scsi_host1" : "scsi_host2", wwnn, wwpn, fabric);
            case 4:
                return Devices.hbaWithoutFabric("scsi_host3", wwnn, wwpn);
            default:
                return Devices.vhba("scsi_host11", "scsi_host2", wwnn, wwpn + variant, fabric);
        }
    }

    private static Device[] pool(List<Integer> members, int variant) {
        return members.stream().map(index -> device(index, variant)).toArray(Device[]::new);
    }
}
