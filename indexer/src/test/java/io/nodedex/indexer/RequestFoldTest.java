package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import io.nodedex.indexer.VhbaRequestState.State;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions are events, on a real RocksDB: vHBA requests are decided where they stand in the
 * host's log, over its devices and the vports earlier requests reserved.
 */
class RequestFoldTest {

    private static final long FABRIC = 0x1000_0005_1e9a_0001L;
    /** 4 vports, 3 in use: one free. */
    private static final Device ALMOST_FULL = liveHba("scsi_host1", 0x2000_0000_0000_0001L, 0x1000_0000_0000_0001L,
            FABRIC, "Online", 4, 3);
    /** 8 vports, 3 in use: five free; a higher WWPN, so lowest-wwpn picks it second. */
    private static final Device ROOMY = liveHba("scsi_host2", 0x2000_0000_0000_0002L, 0x1000_0000_0000_0002L,
            FABRIC, "Online", 8, 3);

    @TempDir
    Path directory;
    private FoldHarness fold;
    private final Events hv01 = Events.of("hv01", Source.UDEV);
    private long apiRecords;

    @BeforeEach
    void open() {
        fold = FoldHarness.open(directory);
        fold.poll(hv01.snapshot(pci("pci_0000_05_00_0"), ALMOST_FULL, ROOMY));
    }

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void twoRequestsForTheLastFreeVportOfANamedParentCannotBothWin() {
        fold.poll(api(create("r1", Criteria.byName("scsi_host1"))), api(create("r2", Criteria.byName("scsi_host1"))));

        VhbaRequestState first = request("r1");
        VhbaRequestState second = request("r2");
        assertThat(first.state()).isEqualTo(State.RESERVED);
        assertThat(first.parent()).contains("scsi_host1");
        assertThat(second.state()).isEqualTo(State.NOT_FOUND);
        assertThat(second.reason()).isEqualTo("named parent scsi_host1 on host hv01 cannot take a vport:"
                + " full: 4 of 4 vports in use");
        assertThat(second.resolution().orElseThrow()).contains("\"parent\":null");
    }

    @Test
    void withAFabricCriterionTheRestGoToTheNextParentByThePolicy() {
        fold.poll(api(create("r1", Criteria.byFabric(new Wwn(FABRIC)))),
                api(create("r2", Criteria.byFabric(new Wwn(FABRIC)))));
        fold.poll(api(create("r3", Criteria.byFabric(new Wwn(FABRIC)))));

        assertThat(List.of(request("r1").parent(), request("r2").parent(), request("r3").parent()))
                .containsExactly(Optional.of("scsi_host1"), Optional.of("scsi_host2"), Optional.of("scsi_host2"));
        assertThat(fold.requests().open()).extracting(VhbaRequestState::requestId).containsExactly("r1", "r2", "r3");
    }

    @Test
    void theSameRequestIdAgainChangesNothing() {
        fold.poll(api(create("r1", Criteria.any())));
        String digest = fold.digest();

        fold.poll(api(create("r1", Criteria.byName("scsi_host2"))));

        assertThat(fold.digest()).isEqualTo(digest);
        assertThat(request("r1").parent()).contains("scsi_host1");
    }

    @Test
    void aCreatedVhbaKeepsItsVportReservedUntilItIsIndexedAndIsNeverCountedTwice() {
        VhbaRequested create = create("r1", Criteria.byName("scsi_host1"));
        fold.poll(api(create));
        fold.poll(hostRecord(new VhbaOutcome("r1", VhbaOutcome.Result.DONE, Optional.of("scsi_host12"), "created")));

        assertThat(request("r1").state()).isEqualTo(State.CREATED);
        assertThat(request("r1").name()).contains("scsi_host12");
        assertThat(fold.requests().open()).extracting(VhbaRequestState::requestId).containsExactly("r1");

        // the vHBA is indexed, and sysfs counts it: 4 of 4 in use
        fold.poll(hv01.snapshot(pci("pci_0000_05_00_0"), liveHba("scsi_host1", 0x2000_0000_0000_0001L,
                0x1000_0000_0000_0001L, FABRIC, "Online", 4, 4), ROOMY,
                vhba("scsi_host12", "scsi_host1", create.vhbaWwnn().value(), create.vhbaWwpn().value(), FABRIC)));
        fold.poll(api(create("r2", Criteria.byName("scsi_host2"))));

        assertThat(fold.requests().open()).extracting(VhbaRequestState::requestId).containsExactly("r2");
        assertThat(request("r2").state()).isEqualTo(State.RESERVED);
    }

    @Test
    void aFailureReleasesTheVportWithLibvirtsMessage() {
        fold.poll(api(create("r1", Criteria.byName("scsi_host1"))));
        fold.poll(hostRecord(new VhbaOutcome("r1", VhbaOutcome.Result.FAILED, Optional.empty(),
                "internal error: no scsi_host11 to clone")));
        fold.poll(api(create("r2", Criteria.byName("scsi_host1"))));

        assertThat(request("r1").state()).isEqualTo(State.FAILED);
        assertThat(request("r1").reason()).isEqualTo("internal error: no scsi_host11 to clone");
        assertThat(request("r2").state()).isEqualTo(State.RESERVED);
    }

    @Test
    void anExpiryFailsOnlyARequestStillPending() {
        fold.poll(api(create("r1", Criteria.byName("scsi_host1"))), api(create("r2", Criteria.byName("scsi_host2"))));
        fold.poll(hostRecord(new VhbaOutcome("r2", VhbaOutcome.Result.DONE, Optional.of("scsi_host12"), "created")));
        fold.poll(api(new VhbaRequestExpired("r1", Duration.ofMinutes(2))),
                api(new VhbaRequestExpired("r2", Duration.ofMinutes(2))));
        fold.poll(api(create("r3", Criteria.byName("scsi_host1"))));

        assertThat(request("r1").state()).isEqualTo(State.EXPIRED);
        assertThat(request("r1").reason()).isEqualTo("host hv01 did not answer within 120 s; the request failed and"
                + " its vport was released");
        assertThat(request("r2").state()).isEqualTo(State.CREATED);
        assertThat(request("r3").state()).as("the expired reservation was released").isEqualTo(State.RESERVED);
    }

    @Test
    void anOutcomeOfARequestNoLongerPendingChangesNothing() {
        fold.poll(api(create("r1", Criteria.byName("scsi_host1"))));
        fold.poll(api(new VhbaRequestExpired("r1", Duration.ofMinutes(2))));
        String digest = fold.digest();

        fold.poll(hostRecord(new VhbaOutcome("r1", VhbaOutcome.Result.DONE, Optional.of("scsi_host12"), "late")));

        assertThat(fold.digest()).isEqualTo(digest);
    }

    @Test
    void aTakenWwpnIsAConflict() {
        fold.poll(api(new VhbaRequested("r1", Criteria.any(), ParentPolicy.LOWEST_WWPN, Optional.empty(),
                Optional.of(new Wwn(0x1000_0000_0000_0002L)))));

        assertThat(request("r1").state()).isEqualTo(State.CONFLICT);
        assertThat(request("r1").reason()).isEqualTo("WWPN 1000000000000002 is already held by device scsi_host2 on"
                + " host hv01");
    }

    @Test
    void onlyAVhbaCanBeDeleted() {
        fold.poll(hv01.upsert(vhba("scsi_host9", "scsi_host2", 0x3000_0000_0000_0009L, 0x3100_0000_0000_0009L, FABRIC)));
        fold.poll(api(new VhbaDeleteRequested("d1", "scsi_host1")), api(new VhbaDeleteRequested("d2", "scsi_host9")),
                api(new VhbaDeleteRequested("d3", "scsi_host77")));

        assertThat(request("d1").state()).isEqualTo(State.CONFLICT);
        assertThat(request("d1").reason()).isEqualTo("scsi_host1 on host hv01 is not a vHBA: it is a physical HBA"
                + " (vport capable)");
        assertThat(request("d2").state()).isEqualTo(State.DELETING);
        assertThat(request("d2").parent()).contains("scsi_host2");
        assertThat(request("d3").state()).isEqualTo(State.NOT_FOUND);

        fold.poll(hostRecord(new VhbaOutcome("d2", VhbaOutcome.Result.DONE, Optional.of("scsi_host9"), "destroyed")));
        assertThat(request("d2").state()).isEqualTo(State.DELETED);
    }

    @Test
    void aCommandOnTheEventsTopicIsRefused() {
        List<Optional<String>> refusals = fold.poll(api(new VhbaCommand("r1", VhbaCommand.Action.DESTROY,
                "scsi_host12", Optional.empty(), Optional.empty(), Instant.EPOCH)));

        assertThat(refusals.get(0)).contains("the VhbaCommand record of host 'hv01' belongs on the commands topic,"
                + " not the events topic");
    }

    private VhbaRequestState request(String id) {
        return fold.requests().byId(id, "hv01").orElseThrow();
    }

    private static VhbaRequested create(String id, Criteria criteria) {
        return new VhbaRequested(id, criteria, ParentPolicy.LOWEST_WWPN, Optional.empty(), Optional.empty());
    }

    /** An API server's record: numbered by the time it was sent, as {@code AdminRecords} numbers them. */
    private Event api(Payload payload) {
        apiRecords++;
        return new Event(new EventHeader("hv01", 1_700_000_000_000L + apiRecords, 0, Source.LIBVIRT,
                Instant.ofEpochSecond(1_700_000_000L + apiRecords)), payload);
    }

    /** The host's agent's record of an outcome. */
    private Event hostRecord(Payload payload) {
        return hv01.next(payload);
    }
}
