package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fold, on a real RocksDB: what events do to devices and every index table. */
class FoldTest {

    private static final long WWNN_1 = 0x2000_0000_1234_1234L;
    private static final long WWPN_1 = 0x1000_0000_1234_1234L;
    private static final long FABRIC_1 = 0x2000_0000_4321_4321L;
    private static final long WWNN_2 = 0x2000_0000_5678_5678L;
    private static final long WWPN_2 = 0x1000_0000_5678_5678L;
    private static final long FABRIC_2 = 0x2000_0000_8765_8765L;
    private static final Device HOST1 = hba("scsi_host1", WWNN_1, WWPN_1, FABRIC_1);
    private static final Device HOST2 = hba("scsi_host2", WWNN_2, WWPN_2, FABRIC_2);
    private static final Device VHBA = vhba("scsi_host11", "scsi_host1", 0x2001_0000_1234_1234L,
            0x1001_0000_1234_1234L, FABRIC_1);

    @TempDir
    Path directory;
    private FoldHarness fold;
    private final Events libvirt = Events.of("h1", Source.LIBVIRT);
    private final Events udev = Events.of("h1", Source.UDEV);

    @BeforeEach
    void open() {
        fold = FoldHarness.open(directory);
    }

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void aSnapshotStoresEveryDeviceAndItsIndexRows() {
        fold.poll(libvirt.snapshot(pci("pci_0000_05_00_0"), HOST1, HOST2, VHBA));

        IndexReader reader = fold.reader();
        assertThat(reader.devices("h1")).extracting(Device::name)
                .containsExactly("pci_0000_05_00_0", "scsi_host1", "scsi_host2", "scsi_host11");
        assertThat(reader.devicesByWwpn(new Wwn(WWPN_1))).containsExactly(new HostDevice("h1", HOST1));
        assertThat(reader.devicesByWwnnWwpn(new Wwn(WWNN_2), new Wwn(WWPN_2))).containsExactly(new HostDevice("h1", HOST2));
        assertThat(reader.devicesByFabric(new Wwn(FABRIC_1))).containsExactly(new HostDevice("h1", HOST1),
                new HostDevice("h1", VHBA));
        assertThat(reader.vportParents("h1")).containsExactly(HOST1, HOST2);
        assertThat(reader.vhbas("h1")).containsExactly(new Vhba("h1", VHBA, Optional.of("scsi_host1")));
    }

    @Test
    void aDuplicateEventIsANoOp() {
        Event snapshot = libvirt.snapshot(HOST1, HOST2);
        Event removal = libvirt.remove("scsi_host2");
        fold.poll(snapshot, removal);
        String digest = fold.digest();

        fold.poll(snapshot, removal, snapshot);

        assertThat(fold.digest()).isEqualTo(digest);
        assertThat(fold.reader().devices("h1")).containsExactly(HOST1);
        assertThat(fold.counters().duplicatesSkipped()).isEqualTo(3);
        assertThat(fold.counters().eventsApplied()).isEqualTo(2);
    }

    @Test
    void aDuplicateWithinOnePollIsANoOp() {
        Event upsert = libvirt.upsert(HOST1);
        Event removal = libvirt.remove("scsi_host1");

        fold.poll(upsert, removal, upsert);

        assertThat(fold.reader().devices("h1")).isEmpty();
        assertThat(fold.counters().duplicatesSkipped()).isEqualTo(1);
    }

    @Test
    void aStaleEventOfAnOlderIncarnationIsANoOp() {
        Event old = libvirt.upsert(HOST2);
        fold.poll(libvirt.restart().snapshot(HOST1));
        String digest = fold.digest();

        fold.poll(old);

        assertThat(fold.digest()).isEqualTo(digest);
        assertThat(fold.reader().devices("h1")).containsExactly(HOST1);
    }

    @Test
    void aSnapshotRemovesDevicesGoneAndEveryIndexRowDerivedFromThem() {
        fold.poll(libvirt.snapshot(HOST1, HOST2, VHBA));

        fold.poll(libvirt.restart().snapshot(HOST2));

        assertThat(fold.reader().devices("h1")).containsExactly(HOST2);
        long hostKey = HostKeys.FARM_HASH.keyOf("h1");
        assertThat(fold.keys(Table.BY_WWPN)).containsExactly(Keys.byWwn(WWPN_2, "h1", "scsi_host2"));
        assertThat(fold.keys(Table.BY_WWNN_WWPN)).containsExactly(Keys.byWwnPair(WWNN_2, WWPN_2, "h1", "scsi_host2"));
        assertThat(fold.keys(Table.BY_FABRIC)).containsExactly(Keys.byWwn(FABRIC_2, "h1", "scsi_host2"));
        assertThat(fold.keys(Table.VPORT_PARENTS)).containsExactly(Keys.device(hostKey, "scsi_host2"));
        assertThat(fold.keys(Table.VHBAS)).isEmpty();
        assertThat(fold.keys(Table.SOURCE_DEVICES)).containsExactly(Keys.sourceDevice(hostKey, Source.LIBVIRT, "scsi_host2"));
    }

    @Test
    void aSnapshotInTheSamePollAsTheUpsertsBeforeItStillReplacesThem() {
        fold.poll(libvirt.snapshot(HOST1));

        fold.poll(libvirt.upsert(HOST2), libvirt.upsert(VHBA), libvirt.snapshot(HOST2));

        assertThat(fold.reader().devices("h1")).containsExactly(HOST2);
        assertThat(fold.keys(Table.VHBAS)).isEmpty();
        assertThat(fold.keys(Table.BY_WWPN)).hasSize(1);
    }

    @Test
    void aChangedWwpnMovesTheIndexRow() {
        fold.poll(libvirt.snapshot(HOST1));
        Device renumbered = hba("scsi_host1", WWNN_1, 0x1000_0000_aaaa_aaaaL, FABRIC_1);

        fold.poll(libvirt.upsert(renumbered));

        assertThat(fold.reader().devicesByWwpn(new Wwn(WWPN_1))).isEmpty();
        assertThat(fold.reader().devicesByWwpn(new Wwn(0x1000_0000_aaaa_aaaaL))).containsExactly(new HostDevice("h1", renumbered));
        assertThat(fold.keys(Table.BY_WWPN)).hasSize(1);
        assertThat(fold.keys(Table.BY_WWNN_WWPN)).hasSize(1);
    }

    @Test
    void aVhbaThatChangesParentKeepsOneRowNamingTheNewParent() {
        fold.poll(libvirt.snapshot(HOST1, HOST2, VHBA));
        Device moved = vhba("scsi_host11", "scsi_host2", 0x2001_0000_1234_1234L, 0x1001_0000_1234_1234L, FABRIC_2);

        fold.poll(libvirt.upsert(moved));

        assertThat(fold.reader().vhbas("h1")).containsExactly(new Vhba("h1", moved, Optional.of("scsi_host2")));
        assertThat(fold.reader().devicesByFabric(new Wwn(FABRIC_1))).containsExactly(new HostDevice("h1", HOST1));
    }

    @Test
    void aDeviceBothSourcesReportStaysUntilBothRemoveIt() {
        Device live = liveHba("scsi_host1", WWNN_1, WWPN_1, FABRIC_1, "Online", 255, 2);
        fold.poll(libvirt.upsert(HOST1), udev.upsert(live));

        fold.poll(libvirt.remove("scsi_host1"));

        assertThat(fold.reader().device("h1", "scsi_host1")).contains(live);
        assertThat(fold.reader().devicesByWwpn(new Wwn(WWPN_1))).containsExactly(new HostDevice("h1", live));

        fold.poll(udev.remove("scsi_host1"));

        assertThat(fold.reader().devices("h1")).isEmpty();
        assertThat(fold.keys(Table.BY_WWPN)).isEmpty();
        assertThat(fold.keys(Table.VPORT_PARENTS)).isEmpty();
        assertThat(fold.keys(Table.SOURCE_DEVICES)).isEmpty();
    }

    @Test
    void aDeviceBothSourcesReportIsTheirMerge() {
        Device live = liveHba("scsi_host1", WWNN_1, WWPN_1, FABRIC_1, "Online", 255, 2);

        fold.poll(libvirt.snapshot(HOST1), udev.snapshot(live));

        assertThat(fold.reader().device("h1", "scsi_host1"))
                .contains(DeviceMerge.merge(Optional.of(HOST1), Optional.of(live)).orElseThrow());
    }

    @Test
    void oneSourcesSnapshotLeavesTheOtherSourcesDevices() {
        fold.poll(libvirt.snapshot(HOST1), udev.snapshot(liveHba("scsi_host2", WWNN_2, WWPN_2, FABRIC_2, "Online", 8, 0)));

        fold.poll(libvirt.restart().snapshot());

        assertThat(fold.reader().devices("h1")).extracting(Device::name).containsExactly("scsi_host2");
    }

    @Test
    void aHostKeyCollisionIsRefusedNeverMerged(@TempDir Path other) {
        try (FoldHarness colliding = FoldHarness.open(other, hostId -> 42L)) {
            colliding.poll(libvirt.snapshot(HOST1));

            List<Optional<String>> refusals = colliding.poll(Events.of("h2", Source.LIBVIRT).snapshot(HOST2));
            List<Optional<String>> sameBatch = colliding.poll(libvirt.upsert(VHBA),
                    Events.of("h3", Source.UDEV).snapshot(HOST2));

            assertThat(refusals).singleElement().satisfies(reason -> assertThat(reason).hasValueSatisfying(
                    text -> assertThat(text).contains("host key collision", "'h2'", "'h1'")));
            assertThat(sameBatch.get(0)).isEmpty();
            assertThat(sameBatch.get(1)).hasValueSatisfying(text -> assertThat(text).contains("'h3'", "'h1'"));
            assertThat(Pages.all(colliding.reader()::hosts)).extracting(HostInfo::hostId).containsExactly("h1");
            assertThat(colliding.reader().devices("h1")).containsExactly(HOST1, VHBA);
            assertThat(colliding.reader().devices("h2")).isEmpty();
            assertThat(colliding.counters().hostKeyCollisions()).isEqualTo(2);
        }
    }

    @Test
    void aHeartbeatOnlyMovesLastSeen() {
        fold.poll(libvirt.snapshot(HOST1));
        Event heartbeat = libvirt.heartbeat();

        fold.poll(heartbeat);

        assertThat(fold.reader().host("h1")).contains(new HostInfo("h1", heartbeat.header().observedAt()));
        assertThat(fold.reader().devices("h1")).containsExactly(HOST1);
    }

    @Test
    void lastSeenIsTheLatestObservationWhateverTheOrder() {
        Event late = udev.next(new io.nodedex.event.Heartbeat());
        Event early = new Event(new io.nodedex.event.EventHeader("h1", 1, 0, Source.LIBVIRT, Instant.ofEpochSecond(5)),
                new io.nodedex.event.Heartbeat());

        fold.poll(late, early);

        assertThat(fold.reader().host("h1").orElseThrow().lastSeen()).isEqualTo(late.header().observedAt());
    }

    @Test
    void anEventAfterAGapIsAppliedAndCounted() {
        fold.poll(libvirt.snapshot(HOST1));

        fold.poll(libvirt.lose(3).upsert(HOST2));

        assertThat(fold.reader().devices("h1")).containsExactly(HOST1, HOST2);
        assertThat(fold.counters().sequenceGaps()).isEqualTo(1);
    }

    @Test
    void batchBoundariesDoNotChangeTheState(@TempDir Path other) {
        List<Event> events = List.of(libvirt.snapshot(HOST1, VHBA), udev.upsert(liveHba("scsi_host1", WWNN_1, WWPN_1,
                FABRIC_1, "Online", 255, 2)), libvirt.upsert(HOST2), libvirt.remove("scsi_host11"),
                udev.remove("scsi_host1"), libvirt.restart().snapshot(HOST2, VHBA));
        fold.poll(events);

        try (FoldHarness onePerPoll = FoldHarness.open(other)) {
            events.forEach(onePerPoll::poll);

            assertThat(onePerPoll.digest()).isEqualTo(fold.digest());
        }
    }

    @Test
    void hostsAreSortedByIdAndUnknownHostsAreEmpty() {
        fold.poll(Events.of("b", Source.UDEV).heartbeat(), Events.of("a", Source.LIBVIRT).snapshot(HOST1),
                Events.of("c", Source.LIBVIRT).heartbeat());

        assertThat(Pages.all(fold.reader()::hosts)).extracting(HostInfo::hostId).containsExactly("a", "b", "c");
        assertThat(fold.reader().host("zz")).isEmpty();
        assertThat(fold.reader().devices("zz")).isEmpty();
        assertThat(fold.reader().vhbas("zz")).isEmpty();
    }

    @Test
    void theSameWwpnOnTwoHostsIsListedByHost() {
        fold.poll(Events.of("h2", Source.LIBVIRT).snapshot(HOST1), libvirt.snapshot(HOST1));

        assertThat(fold.reader().devicesByWwpn(new Wwn(WWPN_1))).containsExactly(new HostDevice("h1", HOST1),
                new HostDevice("h2", HOST1));
    }
}
