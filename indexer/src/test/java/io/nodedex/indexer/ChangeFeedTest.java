package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostRetired;
import io.nodedex.event.Source;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Watching changes" (docs/design.md) at the fold, on a real RocksDB: every device version and
 * every host's appearance and retirement is a change, listed after a cursor in log order,
 * resumable from any change's cursor, filtered by host or port name, and refused once the
 * retention pruned a change the cursor had not seen.
 */
class ChangeFeedTest {

    private static final long FABRIC = 0x2000_0000_4321_4321L;
    private static final long VHBA_WWPN = 0x1001_0000_1234_1234L;
    private static final Instant T1 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-03-02T00:00:00Z");
    private static final Instant T3 = Instant.parse("2024-03-03T00:00:00Z");
    private static final Device HBA = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, FABRIC);
    private static final Device VHBA = vhba("scsi_host7", "scsi_host1", 0x2001_0000_1234_1234L, VHBA_WWPN, FABRIC);
    private static final ChangeCursor START = ChangeCursor.START;

    @TempDir
    Path directory;

    private final Events a = Events.of("a", Source.LIBVIRT);
    private final Events b = Events.of("b", Source.LIBVIRT);
    private long offset;

    /** The events as one poll, each at the next offset of partition 0. */
    private void poll(FoldHarness fold, Event... events) {
        List<Received> records = new ArrayList<>();
        for (Event event : events) {
            records.add(new Received(event, Optional.empty(), Optional.empty(), new LogPosition(0, offset++)));
        }
        fold.pollReceived(records);
    }

    private static String describe(Change change) {
        return change.hostId() + " " + change.name().orElse("(host)") + " " + change.kind() + " " + change.time();
    }

    @Test
    void everyVersionAndEveryHostAppearanceIsAChangeInLogOrder() {
        try (FoldHarness fold = FoldHarness.open(directory)) {
            poll(fold, a.observedAt(T1).snapshot(HBA), a.observedAt(T2).upsert(VHBA));
            poll(fold, a.observedAt(T3).remove("scsi_host7"));

            assertThat(fold.reader().changes(START, ChangeFilter.ALL, 100).changes()).extracting(ChangeFeedTest::describe)
                    .containsExactly(
                            "a (host) ADDED 2024-03-01T00:00:00Z",
                            "a scsi_host1 ADDED 2024-03-01T00:00:00Z",
                            "a scsi_host7 ADDED 2024-03-02T00:00:00Z",
                            "a scsi_host7 REMOVED 2024-03-03T00:00:00Z");
        }
    }

    @Test
    void walkingOneChangeAtATimeFromEachCursorSeesEveryChangeOnce() {
        try (FoldHarness fold = FoldHarness.open(directory)) {
            // one snapshot record makes three changes at one offset: the host and two devices
            poll(fold, a.observedAt(T1).snapshot(HBA, VHBA), b.observedAt(T1).snapshot(HBA));
            poll(fold, a.observedAt(T2).remove("scsi_host7"));
            List<Change> all = fold.reader().changes(START, ChangeFilter.ALL, 100).changes();

            List<Change> walked = new ArrayList<>();
            ChangeCursor cursor = START;
            for (int step = 0; step < 20; step++) {
                ChangePage page = fold.reader().changes(cursor, ChangeFilter.ALL, 1);
                walked.addAll(page.changes());
                cursor = page.next();
            }

            assertThat(all).hasSize(6);
            assertThat(walked).extracting(ChangeFeedTest::describe)
                    .containsExactlyElementsOf(all.stream().map(ChangeFeedTest::describe).toList());
            assertThat(fold.reader().changes(all.get(2).cursor(), ChangeFilter.ALL, 100).changes())
                    .extracting(ChangeFeedTest::describe)
                    .containsExactlyElementsOf(all.subList(3, 6).stream().map(ChangeFeedTest::describe).toList());
        }
    }

    @Test
    void filtersKeepOneHostsChangesOrOnePortNamesEvenItsRemoval() {
        try (FoldHarness fold = FoldHarness.open(directory)) {
            poll(fold, a.observedAt(T1).snapshot(HBA, VHBA), b.observedAt(T1).snapshot(HBA));
            poll(fold, a.observedAt(T2).remove("scsi_host7"), b.observedAt(T3).upsert(VHBA));

            ChangeFilter hostB = new ChangeFilter(Optional.of("b"), Optional.empty());
            assertThat(fold.reader().changes(START, hostB, 100).changes()).extracting(ChangeFeedTest::describe)
                    .containsExactly("b (host) ADDED 2024-03-01T00:00:00Z", "b scsi_host1 ADDED 2024-03-01T00:00:00Z",
                            "b scsi_host7 ADDED 2024-03-03T00:00:00Z");
            ChangeFilter wwpn = new ChangeFilter(Optional.empty(), Optional.of(new Wwn(VHBA_WWPN)));
            assertThat(fold.reader().changes(START, wwpn, 100).changes()).extracting(ChangeFeedTest::describe)
                    .containsExactly("a scsi_host7 ADDED 2024-03-01T00:00:00Z",
                            "a scsi_host7 REMOVED 2024-03-02T00:00:00Z", "b scsi_host7 ADDED 2024-03-03T00:00:00Z");
        }
    }

    @Test
    void aRetiredHostIsAChangeAndSoIsEachDeviceItHad() {
        try (FoldHarness fold = FoldHarness.open(directory)) {
            poll(fold, a.observedAt(T1).snapshot(HBA));
            poll(fold, new Event(new EventHeader("a", T3.toEpochMilli(), 0, Source.LIBVIRT, T3), new HostRetired()));

            ChangePage page = fold.reader().changes(START, ChangeFilter.ALL, 100);
            assertThat(page.changes()).extracting(ChangeFeedTest::describe).containsExactly(
                    "a (host) ADDED 2024-03-01T00:00:00Z", "a scsi_host1 ADDED 2024-03-01T00:00:00Z",
                    "a (host) REMOVED 2024-03-03T00:00:00Z", "a scsi_host1 REMOVED 2024-03-03T00:00:00Z");
            assertThat(fold.reader().changes(page.next(), ChangeFilter.ALL, 100).changes()).isEmpty();
        }
    }

    @Test
    void aCursorThatMissedAPrunedChangeIsGoneButOneAfterItIsNot() {
        try (FoldHarness fold = FoldHarness.open(directory).withHistoryRetention(Duration.ofHours(12))) {
            poll(fold, a.observedAt(T1).snapshot(HBA, VHBA));
            ChangeCursor afterFirst = fold.reader().changes(START, ChangeFilter.ALL, 100).next();
            poll(fold, a.observedAt(T2).remove("scsi_host7"));
            poll(fold, a.observedAt(T3).upsert(VHBA)); // 2 March was in effect 12 h before: the 1 March version goes

            assertThatThrownBy(() -> fold.reader().changes(START, ChangeFilter.ALL, 100))
                    .isInstanceOf(ChangesGoneException.class)
                    .hasMessageContaining("changes up to offset 0 of partition 0 were pruned");
            assertThat(fold.reader().changes(afterFirst, ChangeFilter.ALL, 100).changes())
                    .extracting(ChangeFeedTest::describe).containsExactly(
                            "a scsi_host7 REMOVED 2024-03-02T00:00:00Z", "a scsi_host7 ADDED 2024-03-03T00:00:00Z");
        }
    }

    @Test
    void aCursorSurvivesItsTextFormAndAForeignOneIsRefusedByName() {
        try (FoldHarness fold = FoldHarness.open(directory)) {
            poll(fold, a.observedAt(T1).snapshot(HBA, VHBA));
            ChangeCursor cursor = fold.reader().changes(START, ChangeFilter.ALL, 2).next();

            assertThat(ChangeCursor.parse(cursor.text())).isEqualTo(cursor);
            assertThat(fold.reader().changes(ChangeCursor.parse(cursor.text()), ChangeFilter.ALL, 10).changes())
                    .extracting(ChangeFeedTest::describe).containsExactly("a scsi_host7 ADDED 2024-03-01T00:00:00Z");
            assertThatThrownBy(() -> ChangeCursor.parse("not-a-cursor")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'not-a-cursor' is not a cursor of the change feed");
            assertThatThrownBy(() -> ChangeCursor.parse(cursor.text().substring(0, 3)))
                    .isInstanceOf(InvalidInputException.class);
        }
    }
}
