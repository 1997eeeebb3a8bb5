package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.audit.VhbaAssignment.ParentStatus;
import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostRetired;
import io.nodedex.event.Source;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers as of a past time ({@link PastState}, docs/design.md "History is state") on a real
 * RocksDB, for a fleet that changes at known times:
 * <ul>
 *   <li>1 March: host a has HBA scsi_host1 and vHBA scsi_host7 under it; host b has HBA
 *       scsi_host1; host c has HBA scsi_host2 and vHBA scsi_host8 naming scsi_host5, which c does
 *       not have (an orphan);</li>
 *   <li>5 March: the vHBA's WWPN moves: a's scsi_host7 goes, b gets scsi_host9 under its
 *       scsi_host1;</li>
 *   <li>7 March: c gets scsi_host3, an HBA with the WWPN of b's scsi_host1 (a duplicate);</li>
 *   <li>9 March: c's scsi_host3 goes;</li>
 *   <li>11 March: c is retired.</li>
 * </ul>
 * Every expected answer is written from these facts.
 */
class PastStateTest {

    private static final long FABRIC = 0x2000_0000_0000_0f01L;
    private static final long OTHER_FABRIC = 0x2000_0000_0000_0f02L;
    private static final long VHBA_WWPN = 0x1001_0000_0000_0001L;
    private static final long B_WWPN = 0x1000_0000_0000_00b1L;
    private static final Instant MARCH_1 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant MARCH_5 = Instant.parse("2024-03-05T00:00:00Z");
    private static final Instant MARCH_7 = Instant.parse("2024-03-07T00:00:00Z");
    private static final Instant MARCH_9 = Instant.parse("2024-03-09T00:00:00Z");
    private static final Instant MARCH_11 = Instant.parse("2024-03-11T00:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant MARCH_3 = Instant.parse("2024-03-03T00:00:00Z");
    private static final Instant MARCH_6 = Instant.parse("2024-03-06T00:00:00Z");
    private static final Instant MARCH_8 = Instant.parse("2024-03-08T00:00:00Z");
    private static final Instant MARCH_10 = Instant.parse("2024-03-10T00:00:00Z");
    private static final Instant MARCH_12 = Instant.parse("2024-03-12T00:00:00Z");

    private static final Device A_HBA = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, FABRIC);
    private static final Device A_VHBA = vhba("scsi_host7", "scsi_host1", 0x2001_0000_0000_0001L, VHBA_WWPN, FABRIC);
    private static final Device B_HBA = hba("scsi_host1", 0x2000_0000_0000_00b1L, B_WWPN, FABRIC);
    private static final Device B_VHBA = vhba("scsi_host9", "scsi_host1", 0x2001_0000_0000_0001L, VHBA_WWPN, FABRIC);
    private static final Device C_HBA = hba("scsi_host2", 0x2000_0000_0000_00c2L, 0x1000_0000_0000_00c2L,
            OTHER_FABRIC);
    private static final Device C_ORPHAN = vhba("scsi_host8", "scsi_host5", 0x2001_0000_0000_00c8L,
            0x1001_0000_0000_00c8L, OTHER_FABRIC);
    private static final Device C_DUPLICATE = hba("scsi_host3", 0x2000_0000_0000_00c3L, B_WWPN, OTHER_FABRIC);

    @TempDir
    Path directory;
    private FoldHarness fold;
    private IndexReader reader;

    @BeforeEach
    void foldTheFleet() {
        Events a = Events.of("a", Source.LIBVIRT);
        Events b = Events.of("b", Source.LIBVIRT);
        Events c = Events.of("c", Source.LIBVIRT);
        fold = FoldHarness.open(directory.resolve("db"));
        fold.poll(a.observedAt(MARCH_1).snapshot(A_HBA, A_VHBA), b.observedAt(MARCH_1).snapshot(B_HBA),
                c.observedAt(MARCH_1).snapshot(C_HBA, C_ORPHAN));
        fold.poll(a.observedAt(MARCH_5).remove("scsi_host7"), b.observedAt(MARCH_5).upsert(B_VHBA));
        fold.poll(c.observedAt(MARCH_7).upsert(C_DUPLICATE));
        fold.poll(c.observedAt(MARCH_9).remove("scsi_host3"), a.observedAt(MARCH_9).heartbeat());
        fold.poll(new Event(new EventHeader("c", MARCH_11.toEpochMilli(), 0, Source.LIBVIRT, MARCH_11),
                new HostRetired()));
        reader = fold.reader();
    }

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void theHostsAreThoseWithDevicesThenAndARetiredHostIsThereBeforeItWasRetired() {
        assertThat(hostIds(FEBRUARY)).isEmpty();
        assertThat(hostIds(MARCH_3)).containsExactly("a", "b", "c");
        assertThat(hostIds(MARCH_10)).containsExactly("a", "b", "c");
        assertThat(hostIds(MARCH_12)).containsExactly("a", "b");
        assertThat(reader.asOf(MARCH_12).host("c")).isEmpty();
        assertThat(reader.asOf(MARCH_10).devices("c")).containsExactly(C_HBA, C_ORPHAN);
    }

    @Test
    void aHostsLastSeenThenIsItsLastEventWhenNothingCameAfterOtherwiseItsNewestVersionThen() {
        // a was heard from on 9 March (a heartbeat), after 6 March: its newest version then is of 5 March
        assertThat(reader.asOf(MARCH_6).host("a")).contains(new PastHost("a", MARCH_5, false));
        assertThat(reader.asOf(MARCH_10).host("a")).contains(new PastHost("a", MARCH_9, true));
        assertThat(reader.asOf(MARCH_12).host("b")).contains(new PastHost("b", MARCH_5, true));
        // c's record went with its retirement: what is known is its last version before 10 March
        assertThat(reader.asOf(MARCH_10).host("c")).contains(new PastHost("c", MARCH_9, false));
    }

    @Test
    void aHostsDevicesThenInNaturalOrderFilteredAndPaged() {
        assertThat(reader.asOf(MARCH_3).devices("a")).containsExactly(A_HBA, A_VHBA);
        assertThat(reader.asOf(MARCH_6).devices("a")).containsExactly(A_HBA);
        assertThat(reader.asOf(MARCH_8).devices("c")).containsExactly(C_HBA, C_DUPLICATE, C_ORPHAN);
        assertThat(reader.asOf(MARCH_8).devices("c", Device::isVportCapable, PageRequest.first(10)).items())
                .containsExactly(C_HBA, C_DUPLICATE);
        assertThat(walk(page -> reader.asOf(MARCH_8).devices("c", device -> true, page)))
                .containsExactly(C_HBA, C_DUPLICATE, C_ORPHAN);
        assertThat(reader.asOf(FEBRUARY).devices("a", device -> true, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void theVhbasThenFollowTheMoveAndTheRetirement() {
        assertThat(vhbas(MARCH_3)).containsExactly(tuple("a", "scsi_host7", ParentStatus.OK),
                tuple("c", "scsi_host8", ParentStatus.MISSING));
        assertThat(vhbas(MARCH_6)).containsExactly(tuple("b", "scsi_host9", ParentStatus.OK),
                tuple("c", "scsi_host8", ParentStatus.MISSING));
        assertThat(vhbas(MARCH_12)).containsExactly(tuple("b", "scsi_host9", ParentStatus.OK));
        assertThat(reader.asOf(MARCH_3).vhbaAssignments("b", PageRequest.first(10)).items()).isEmpty();
        assertThat(reader.asOf(MARCH_6).vhbaAssignments("b", PageRequest.first(10)).items())
                .extracting(VhbaAssignment::vhba).containsExactly(B_VHBA);
    }

    @Test
    void theFindingsThenCountTheDuplicateWhileItLastedAndTheOrphanUntilItsHostWasRetired() {
        assertThat(findings(MARCH_3)).containsExactly(
                tuple(Finding.Kind.VHBA_WITHOUT_PARENT, List.of(new DeviceRef("c", "scsi_host8"))));
        assertThat(findings(MARCH_8)).containsExactly(
                tuple(Finding.Kind.DUPLICATE_WWPN, List.of(new DeviceRef("b", "scsi_host1"),
                        new DeviceRef("c", "scsi_host3"))),
                tuple(Finding.Kind.VHBA_WITHOUT_PARENT, List.of(new DeviceRef("c", "scsi_host8"))));
        assertThat(reader.asOf(MARCH_8).findings(PageRequest.first(1)).counts())
                .containsEntry(Finding.Kind.DUPLICATE_WWPN, 1L).containsEntry(Finding.Kind.VHBA_WITHOUT_PARENT, 1L);
        assertThat(findings(MARCH_10)).containsExactly(
                tuple(Finding.Kind.VHBA_WITHOUT_PARENT, List.of(new DeviceRef("c", "scsi_host8"))));
        assertThat(findings(MARCH_12)).isEmpty();
        assertThat(reader.asOf(MARCH_12).findings(PageRequest.first(10)).counts().values()).containsOnly(0L);
    }

    @Test
    void theFabricsMembersThen() {
        assertThat(members(FABRIC, MARCH_3)).containsExactly(tuple("a", "scsi_host1"), tuple("a", "scsi_host7"),
                tuple("b", "scsi_host1"));
        assertThat(members(FABRIC, MARCH_6)).containsExactly(tuple("a", "scsi_host1"), tuple("b", "scsi_host1"),
                tuple("b", "scsi_host9"));
        assertThat(members(OTHER_FABRIC, MARCH_8)).containsExactly(tuple("c", "scsi_host2"),
                tuple("c", "scsi_host3"), tuple("c", "scsi_host8"));
        assertThat(members(OTHER_FABRIC, MARCH_12)).isEmpty();
    }

    @Test
    void aPageFromAnotherListIsRefused() {
        Page<PastHost> hosts = reader.asOf(MARCH_3).hosts(PageRequest.first(1));
        assertThatThrownBy(() -> reader.asOf(MARCH_3).devices("a", device -> true,
                PageRequest.at(hosts.next().orElseThrow(), 1))).isInstanceOf(InvalidInputException.class);
    }

    private List<String> hostIds(Instant time) {
        return walk(page -> reader.asOf(time).hosts(page)).stream().map(PastHost::hostId).toList();
    }

    private List<Object> vhbas(Instant time) {
        return walk(page -> reader.asOf(time).vhbaAssignments(page)).stream()
                .map(v -> (Object) tuple(v.host(), v.vhba().name(), v.status())).toList();
    }

    private List<Object> findings(Instant time) {
        return walk(page -> reader.asOf(time).findings(page).page()).stream()
                .map(f -> (Object) tuple(f.kind(), f.devices())).toList();
    }

    private List<Object> members(long fabric, Instant time) {
        return walk(page -> reader.asOf(time).devicesByFabric(new Wwn(fabric), page)).stream()
                .map(m -> (Object) tuple(m.hostId(), m.device().name())).toList();
    }

    /** Every item of a list, walked one item per page. */
    private static <T> List<T> walk(Function<PageRequest, Page<T>> read) {
        List<T> items = new ArrayList<>();
        Page<T> page = read.apply(PageRequest.first(1));
        items.addAll(page.items());
        while (page.next().isPresent()) {
            page = read.apply(PageRequest.at(page.next().get(), 1));
            items.addAll(page.items());
        }
        return items;
    }
}
