package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.ChurningFleet;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paged lists while the indexer applies events between pages: a walk never returns an item twice,
 * returns every item that stayed unchanged all along, in the list's order, and nothing that never
 * was in the list.
 */
class PagingTest {

    @TempDir
    Path directory;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    /** A paged list of the reader. */
    private interface Listing<T> extends Function<PageRequest, Page<T>> {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void walkingEveryListWhileEventsAreAppliedRepeatsNothingAndMissesNothingThatStayed(long seed) {
        List<Event> log = Logs.interleaveWithReplays(fleet(seed), new Random(seed));
        Wwn fabric = ChurningFleet.hba(0, 0, Source.LIBVIRT, 0).fcHost().orElseThrow().fabricWwn().orElseThrow();
        Wwn shared = ChurningFleet.hba(0, 1, Source.LIBVIRT, 0).fcHost().orElseThrow().wwpn();
        try (FoldHarness fold = FoldHarness.open(directory)) {
            Random random = new Random(seed);
            int[] applied = {log.size() / 2};
            fold.poll(log.subList(0, applied[0]));
            Runnable change = () -> {
                int to = Math.min(log.size(), applied[0] + 1 + random.nextInt(4));
                fold.poll(log.subList(applied[0], to));
                applied[0] = to;
            };
            IndexReader reader = fold.reader();

            assertWalkIsConsistent(reader::hosts, change);
            assertWalkIsConsistent(page -> reader.devices("host-001", device -> true, page), change);
            assertWalkIsConsistent(page -> reader.devices("host-002", Device::isVhba, page), change);
            assertWalkIsConsistent(page -> reader.wwpnMatches(shared, page).page(), change);
            assertWalkIsConsistent(page -> reader.devicesByFabric(fabric, page), change);
            assertWalkIsConsistent(reader::vhbaAssignments, change);
            assertWalkIsConsistent(page -> reader.vhbaAssignments("host-003", page), change);
            assertWalkIsConsistent(page -> reader.findings(page).page(), change);
            assertThat(applied[0]).as("events applied during the walks").isGreaterThan(log.size() / 2 + 8);
        }
    }

    /**
     * Walks {@code listing} two items at a time, running {@code change} between pages, and checks
     * the walk against the whole list as it was before, between and after the pages.
     */
    private static <T> void assertWalkIsConsistent(Listing<T> listing, Runnable change) {
        List<List<T>> states = new ArrayList<>();
        states.add(Pages.all(listing));
        List<T> walked = Pages.walk(listing, 2, () -> {
            change.run();
            states.add(Pages.all(listing));
        });
        states.add(Pages.all(listing));

        Set<T> stayed = new LinkedHashSet<>(states.get(0));
        Set<T> ever = new HashSet<>();
        for (List<T> state : states) {
            stayed.retainAll(state);
            ever.addAll(state);
        }
        List<T> last = states.get(states.size() - 1);
        assertThat(walked).doesNotHaveDuplicates();
        assertThat(ever).containsAll(walked);
        assertThat(walked.stream().filter(stayed::contains).toList())
                .as("the items that stayed, in the list's order")
                .isEqualTo(last.stream().filter(stayed::contains).toList())
                .containsExactlyInAnyOrderElementsOf(stayed);
    }

    /**
     * Twelve churning hosts, and two more whose HBAs take the WWPN of one of host-000's, so the
     * lists include duplicate-WWPN findings.
     */
    private static List<List<Event>> fleet(long seed) {
        List<List<Event>> streams = new ArrayList<>(ChurningFleet.streams(12, 12, seed));
        for (String host : List.of("copy-a", "copy-b")) {
            Events copy = Events.of(host, Source.UDEV);
            List<Event> stream = new ArrayList<>();
            stream.add(copy.snapshot(ChurningFleet.hba(0, 1, Source.UDEV, 0)));
            stream.add(copy.remove("scsi_host1"));
            stream.add(copy.upsert(ChurningFleet.hba(0, 1, Source.UDEV, 1)));
            streams.add(stream);
        }
        return streams;
    }

    @Test
    void aPositionOutsideTheListIsRefused() {
        try (FoldHarness fold = FoldHarness.open(directory)) {
            fold.poll(Events.of("h1", Source.LIBVIRT).snapshot(ChurningFleet.hba(1, 0, Source.LIBVIRT, 0)),
                    Events.of("h2", Source.LIBVIRT).snapshot(ChurningFleet.hba(2, 0, Source.LIBVIRT, 0),
                            ChurningFleet.hba(2, 1, Source.LIBVIRT, 0)));
            IndexReader reader = fold.reader();
            PagePosition ofH2 = reader.devices("h2", device -> true, PageRequest.first(1)).next().orElseThrow();

            Assertions.assertThatThrownBy(() -> reader.devices("h1", device -> true, PageRequest.at(ofH2, 1)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("another list");
            assertThat(reader.devices("h2", device -> true, PageRequest.at(ofH2, 1)).items())
                    .extracting(Device::name).containsExactly("scsi_host1");
        }
    }
}
