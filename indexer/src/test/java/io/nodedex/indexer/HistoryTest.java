package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.audit.DeviceRef;
import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.json.DeviceFields;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "History is state" (docs/design.md) at the fold, on a real RocksDB: every version of every
 * device and WWPN is kept with its observation time, answers "as of" a time come from it, and
 * pruning by retention is a function of the log alone, however polls are cut.
 */
class HistoryTest {

    private static final long WWNN = 0x2001_0000_1234_1234L;
    private static final long WWPN = 0x1001_0000_1234_1234L;
    private static final long FABRIC = 0x2000_0000_4321_4321L;
    private static final Instant MARCH_1 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant MARCH_3 = Instant.parse("2024-03-03T12:00:00Z");
    private static final Instant MARCH_5 = Instant.parse("2024-03-05T00:00:00Z");
    private static final Device PARENT_A = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, FABRIC);
    private static final Device PARENT_B = hba("scsi_host1", 0x2000_0000_0000_00b1L, 0x1000_0000_0000_00b1L, FABRIC);
    private static final Device VHBA_ON_A = vhba("scsi_host7", "scsi_host1", WWNN, WWPN, FABRIC);
    private static final Device VHBA_ON_B = vhba("scsi_host9", "scsi_host1", WWNN, WWPN, FABRIC);

    @TempDir
    Path directory;

    /** The vHBA with {@link #WWPN} lives on host a from 1 March, then moves to host b on 5 March. */
    private static List<Event> theMove() {
        Events a = Events.of("a", Source.LIBVIRT);
        Events b = Events.of("b", Source.LIBVIRT);
        return List.of(
                a.observedAt(MARCH_1).snapshot(PARENT_A, VHBA_ON_A),
                b.observedAt(MARCH_1).snapshot(PARENT_B),
                a.observedAt(MARCH_5).remove("scsi_host7"),
                b.observedAt(MARCH_5.plusSeconds(60)).upsert(VHBA_ON_B));
    }

    @Test
    void aWwpnThatMovedBetweenHostsShowsBothHoldersFromWhenToWhen() {
        try (FoldHarness fold = FoldHarness.open(directory.resolve("db"))) {
            fold.poll(theMove());
            IndexReader reader = fold.reader();

            assertThat(reader.wwpnHistory(new Wwn(WWPN), PageRequest.first(10)).items()).containsExactly(
                    new WwpnHolding("a", "scsi_host7", MARCH_1, Optional.of(MARCH_5)),
                    new WwpnHolding("b", "scsi_host9", MARCH_5.plusSeconds(60), Optional.empty()));
            assertThat(reader.wwpnMatches(new Wwn(WWPN), MARCH_3, PageRequest.first(10)).all())
                    .containsExactly(new DeviceRef("a", "scsi_host7"));
            assertThat(reader.wwpnMatches(new Wwn(WWPN), MARCH_5.plusSeconds(30), PageRequest.first(10)).all())
                    .isEmpty();
            assertThat(reader.wwpnMatches(new Wwn(WWPN), MARCH_5.plusSeconds(60), PageRequest.first(10)).page()
                    .items()).containsExactly(new HostDevice("b", VHBA_ON_B));
            assertThat(reader.historyKeptFrom()).isEmpty();
        }
    }

    @Test
    void aDeviceHistoryListsEveryVersionOldestFirstAndTheRemoval() {
        try (FoldHarness fold = FoldHarness.open(directory.resolve("db"))) {
            fold.poll(theMove());
            IndexReader reader = fold.reader();

            assertThat(reader.deviceHistory("a", "scsi_host7", PageRequest.first(10)).items()).containsExactly(
                    new DeviceVersion(MARCH_1, Optional.of(MARCH_5), Optional.of(VHBA_ON_A),
                            Optional.of(Change.Kind.ADDED), List.of()),
                    new DeviceVersion(MARCH_5, Optional.empty(), Optional.empty(),
                            Optional.of(Change.Kind.REMOVED), List.of()));
            assertThat(reader.device("a", "scsi_host7", MARCH_3)).contains(VHBA_ON_A);
            assertThat(reader.device("a", "scsi_host7", MARCH_5)).isEmpty();
            assertThat(reader.device("a", "scsi_host7", MARCH_1.minusSeconds(1))).isEmpty();
        }
    }

    @Test
    void historyPagesWalkEveryVersionOnce() {
        Events a = Events.of("a", Source.LIBVIRT);
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            events.add(a.observedAt(MARCH_1.plus(Duration.ofDays(day)))
                    .upsert(vhba("scsi_host7", "scsi_host1", WWNN, WWPN + day % 2, FABRIC)));
        }
        try (FoldHarness fold = FoldHarness.open(directory.resolve("db"))) {
            fold.poll(events);
            IndexReader reader = fold.reader();

            List<DeviceVersion> walked = new ArrayList<>();
            Page<DeviceVersion> page = reader.deviceHistory("a", "scsi_host7", PageRequest.first(3));
            walked.addAll(page.items());
            while (page.next().isPresent()) {
                page = reader.deviceHistory("a", "scsi_host7", PageRequest.at(page.next().get(), 3));
                walked.addAll(page.items());
            }
            assertThat(walked).extracting(DeviceVersion::from)
                    .containsExactly(MARCH_1, MARCH_1.plus(Duration.ofDays(1)), MARCH_1.plus(Duration.ofDays(2)),
                            MARCH_1.plus(Duration.ofDays(3)), MARCH_1.plus(Duration.ofDays(4)),
                            MARCH_1.plus(Duration.ofDays(5)), MARCH_1.plus(Duration.ofDays(6)));

            List<WwpnHolding> holdings = new ArrayList<>();
            Page<WwpnHolding> held = reader.wwpnHistory(new Wwn(WWPN), PageRequest.first(1));
            holdings.addAll(held.items());
            while (held.next().isPresent()) {
                held = reader.wwpnHistory(new Wwn(WWPN), PageRequest.at(held.next().get(), 1));
                holdings.addAll(held.items());
            }
            assertThat(holdings).extracting(WwpnHolding::from, WwpnHolding::to).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(MARCH_1, Optional.of(MARCH_1.plus(Duration.ofDays(1)))),
                    org.assertj.core.groups.Tuple.tuple(MARCH_1.plus(Duration.ofDays(2)),
                            Optional.of(MARCH_1.plus(Duration.ofDays(3)))),
                    org.assertj.core.groups.Tuple.tuple(MARCH_1.plus(Duration.ofDays(4)),
                            Optional.of(MARCH_1.plus(Duration.ofDays(5)))),
                    org.assertj.core.groups.Tuple.tuple(MARCH_1.plus(Duration.ofDays(6)), Optional.empty()));
        }
    }

    @Test
    void retentionPrunesByTheDevicesOwnTimesAlikeHoweverPollsAreCut() {
        Events a = Events.of("a", Source.LIBVIRT);
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            events.add(a.observedAt(MARCH_1.plus(Duration.ofDays(day)))
                    .upsert(vhba("scsi_host7", "scsi_host1", WWNN, WWPN + day, FABRIC)));
        }
        Duration retention = Duration.ofDays(3).plusHours(12);
        try (FoldHarness whole = FoldHarness.open(directory.resolve("whole")).withHistoryRetention(retention);
                FoldHarness cut = FoldHarness.open(directory.resolve("cut")).withHistoryRetention(retention)) {
            whole.poll(events);
            for (Event event : events) {
                cut.poll(event);
            }

            assertThat(cut.digest()).isEqualTo(whole.digest());
            // newest on 10 March; retention reaches back to 6 March 12:00, when the 6 March version was in effect
            assertThat(whole.reader().deviceHistory("a", "scsi_host7", PageRequest.first(20)).items())
                    .extracting(DeviceVersion::from).containsExactly(MARCH_1.plus(Duration.ofDays(5)),
                            MARCH_1.plus(Duration.ofDays(6)), MARCH_1.plus(Duration.ofDays(7)),
                            MARCH_1.plus(Duration.ofDays(8)), MARCH_1.plus(Duration.ofDays(9)));
            assertThat(whole.reader().historyKeptFrom()).contains(MARCH_1.plus(Duration.ofDays(5)));
            assertThat(whole.reader().deviceHistory("a", "scsi_host7", PageRequest.first(20)).items())
                    .extracting(DeviceVersion::change).as("what came before the oldest kept is not known")
                    .startsWith(Optional.empty(), Optional.of(Change.Kind.CHANGED));
            assertThat(whole.reader().wwpnHistory(new Wwn(WWPN), PageRequest.first(10)).items()).isEmpty();
            assertThat(whole.reader().wwpnHistory(new Wwn(WWPN + 5), PageRequest.first(10)).items()).hasSize(1);
        }
    }

    @Test
    void anAgentClockThatStepsBackNeverReordersAVersion() {
        Events a = Events.of("a", Source.LIBVIRT);
        try (FoldHarness fold = FoldHarness.open(directory.resolve("db"))) {
            fold.poll(a.observedAt(MARCH_5).upsert(VHBA_ON_A), a.observedAt(MARCH_1).remove("scsi_host7"));

            assertThat(fold.reader().deviceHistory("a", "scsi_host7", PageRequest.first(10)).items()).containsExactly(
                    new DeviceVersion(MARCH_5, Optional.of(MARCH_5), Optional.of(VHBA_ON_A),
                            Optional.of(Change.Kind.ADDED), List.of()),
                    new DeviceVersion(MARCH_5, Optional.empty(), Optional.empty(),
                            Optional.of(Change.Kind.REMOVED), List.of()));
        }
    }

    @Test
    void aDeviceRemovedAndBackWithinOnePollKeepsBothVersions() {
        Events a = Events.of("a", Source.LIBVIRT);
        try (FoldHarness fold = FoldHarness.open(directory.resolve("db"))) {
            fold.poll(a.observedAt(MARCH_1).snapshot(PARENT_A, VHBA_ON_A));
            fold.poll(a.observedAt(MARCH_3).remove("scsi_host7"), a.observedAt(MARCH_5).upsert(VHBA_ON_A));

            assertThat(fold.reader().deviceHistory("a", "scsi_host7", PageRequest.first(10)).items()).containsExactly(
                    new DeviceVersion(MARCH_1, Optional.of(MARCH_3), Optional.of(VHBA_ON_A),
                            Optional.of(Change.Kind.ADDED), List.of()),
                    new DeviceVersion(MARCH_3, Optional.of(MARCH_5), Optional.empty(),
                            Optional.of(Change.Kind.REMOVED), List.of()),
                    new DeviceVersion(MARCH_5, Optional.empty(), Optional.of(VHBA_ON_A),
                            Optional.of(Change.Kind.ADDED), List.of()));
            assertThat(fold.reader().device("a", "scsi_host7", MARCH_3.plusSeconds(1))).isEmpty();
        }
    }

    /**
     * Random histories of two sources over a day-long retention, with clocks that step back:
     * folding each event in its own poll, every event in one poll, or in polls cut at random,
     * leaves the same history, pruning included.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void historyAndPruningNeverDependOnHowPollsAreCut(long seed) {
        Random random = new Random(seed);
        Events libvirt = Events.of("a", Source.LIBVIRT);
        Events udev = Events.of("a", Source.UDEV);
        List<Event> events = new ArrayList<>();
        Instant time = MARCH_1;
        for (int i = 0; i < 60; i++) {
            time = time.plus(Duration.ofHours(random.nextInt(10) - 2));
            Events source = random.nextBoolean() ? libvirt : udev;
            Device device = vhba("scsi_host" + (7 + random.nextInt(3)), "scsi_host1", WWNN, WWPN + random.nextInt(3),
                    FABRIC);
            events.add(switch (random.nextInt(4)) {
                case 0 -> source.observedAt(time).remove(device.name());
                case 1 -> source.observedAt(time).snapshot(PARENT_A, device);
                default -> source.observedAt(time).upsert(device);
            });
        }
        Duration retention = Duration.ofDays(1);
        try (FoldHarness whole = FoldHarness.open(directory.resolve("whole")).withHistoryRetention(retention);
                FoldHarness single = FoldHarness.open(directory.resolve("single")).withHistoryRetention(retention);
                FoldHarness cut = FoldHarness.open(directory.resolve("cut")).withHistoryRetention(retention)) {
            whole.poll(events);
            events.forEach(single::poll);
            for (int from = 0; from < events.size(); ) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(8));
                cut.poll(events.subList(from, to));
                from = to;
            }

            assertThat(single.digest()).isEqualTo(whole.digest());
            assertThat(cut.digest()).isEqualTo(whole.digest());
            assertThat(whole.reader().historyKeptFrom()).isPresent();
        }
    }

    @Test
    void aChangedVersionNamesEachFieldThatChangedAlsoAtTheStartOfAPage() {
        Events a = Events.of("a", Source.LIBVIRT);
        try (FoldHarness fold = FoldHarness.open(directory.resolve("db"))) {
            fold.poll(a.observedAt(MARCH_1).upsert(liveHba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L,
                            FABRIC, "Online", 8, 0)),
                    a.observedAt(MARCH_3).upsert(liveHba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L,
                            FABRIC, "Linkdown", 8, 0)),
                    a.observedAt(MARCH_5).upsert(liveHba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L,
                            FABRIC, "Linkdown", 8, 1)));

            Page<DeviceVersion> first = fold.reader().deviceHistory("a", "scsi_host1", PageRequest.first(2));
            Page<DeviceVersion> second = fold.reader().deviceHistory("a", "scsi_host1",
                    PageRequest.at(first.next().orElseThrow(), 2));

            assertThat(first.items()).extracting(DeviceVersion::change)
                    .containsExactly(Optional.of(Change.Kind.ADDED), Optional.of(Change.Kind.CHANGED));
            assertThat(first.items().get(1).fields()).containsExactly(new DeviceFields.FieldChange(
                    "fc_host portState", Optional.of("Online"), Optional.of("Linkdown")));
            assertThat(second.items()).singleElement().satisfies(version -> {
                assertThat(version.change()).contains(Change.Kind.CHANGED);
                assertThat(version.fields()).containsExactly(
                        new DeviceFields.FieldChange("vport_ops freeVports", Optional.of("8"), Optional.of("7")),
                        new DeviceFields.FieldChange("vport_ops vports", Optional.of("0"), Optional.of("1")));
            });
        }
    }
}
