package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * DESIGN rule 1 at the fold: however hosts interleave, however polls are cut, and with
 * duplicates and stale replays mixed in, the state is the one a single ordered pass gives, and
 * every index row is exactly the one derived from a stored device.
 */
class FoldOrderProperties {

    enum Kind { SNAPSHOT, UPSERT, REMOVE, HEARTBEAT, RESTART }

    /** One thing an agent source does; {@code device} and {@code variant} pick from a small pool. */
    record Action(Kind kind, int device, int variant, Set<Integer> members) {
    }

    /** What one (host, source) publishes, in order. */
    record Stream_(String hostId, Source source, List<Action> actions) {
        List<Event> events() {
            Events events = new Events(hostId, source, 1);
            List<Event> published = new ArrayList<>();
            published.add(events.snapshot(pool(members(Set.of(0, 1, 2)), 0)));
            for (Action action : actions) {
                switch (action.kind()) {
                    case SNAPSHOT:
                        published.add(events.snapshot(pool(members(action.members()), action.variant())));
                        break;
                    case UPSERT:
                        published.add(events.upsert(device(action.device(), action.variant())));
                        break;
                    case REMOVE:
                        published.add(events.remove(device(action.device(), 0).name()));
                        break;
                    case HEARTBEAT:
                        published.add(events.heartbeat());
                        break;
                    default:
                        published.add(events.restart().snapshot(pool(members(action.members()), action.variant())));
                }
            }
            return published;
        }

        private static List<Integer> members(Set<Integer> members) {
            return members.stream().sorted().toList();
        }
    }

    @Property(tries = 40)
    void interleavingsDuplicatesAndPollCutsNeverChangeTheState(
            @ForAll("fleets") List<Stream_> fleet, @ForAll Random random) {
        List<List<Event>> streams = fleet.stream().map(Stream_::events).toList();
        List<Event> ordered = streams.stream().flatMap(List::stream).toList();
        List<Event> shuffled = interleaveWithReplays(streams, random);

        Path orderedDirectory = temporaryDirectory();
        Path shuffledDirectory = temporaryDirectory();
        try (FoldHarness single = FoldHarness.open(orderedDirectory);
                FoldHarness replica = FoldHarness.open(shuffledDirectory)) {
            single.poll(ordered);
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(12));
                replica.poll(shuffled.subList(from, to));
                from = to;
            }

            assertThat(replica.digest()).isEqualTo(single.digest());
            assertIndexesAreExactlyDerived(replica);
        } finally {
            deleteRecursively(orderedDirectory);
            deleteRecursively(shuffledDirectory);
        }
    }

    /** A random merge of the streams, each kept in order, with earlier events re-sent later. */
    private static List<Event> interleaveWithReplays(List<List<Event>> streams, Random random) {
        List<Event> merged = new ArrayList<>();
        int[] next = new int[streams.size()];
        int remaining = streams.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int pick = random.nextInt(streams.size());
            List<Event> stream = streams.get(pick);
            if (next[pick] == stream.size()) {
                continue;
            }
            merged.add(stream.get(next[pick]++));
            remaining--;
            if (random.nextInt(4) == 0) {
                merged.add(stream.get(random.nextInt(next[pick])));
            }
        }
        return merged;
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

    @Provide
    Arbitrary<List<Stream_>> fleets() {
        Arbitrary<Action> action = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, POOL_SIZE - 1),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, POOL_SIZE - 1).set().ofMaxSize(POOL_SIZE))
                .as(Action::new);
        Arbitrary<Stream_> stream = Combinators.combine(
                Arbitraries.of("h1", "h2", "h3", "h4"),
                Arbitraries.of(Source.class),
                action.list().ofMaxSize(25))
                .as(Stream_::new);
        return stream.list().ofMinSize(1).ofMaxSize(6)
                .filter(streams -> streams.stream().map(s -> s.hostId() + s.source()).distinct().count() == streams.size());
    }

    private static final int POOL_SIZE = 6;

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

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("fold-property");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
