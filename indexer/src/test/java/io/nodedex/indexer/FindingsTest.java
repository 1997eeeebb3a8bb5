package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.Finding.Kind;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit findings the fold keeps, for a small hand-made fleet, written out: they appear and go
 * with the devices, in the same batch, and their counts follow.
 */
class FindingsTest {

    private static final long WWPN = 0x1000_0000_1234_1234L;
    private static final long FABRIC = 0x2000_0000_4321_4321L;

    @TempDir
    Path directory;
    private FoldHarness fold;
    private final List<Event> log = new ArrayList<>();
    private final Events h1 = Events.of("h1", Source.LIBVIRT);
    private final Events h1Sysfs = Events.of("h1", Source.UDEV);
    private final Events h2 = Events.of("h2", Source.LIBVIRT);

    @BeforeEach
    void open() {
        fold = FoldHarness.open(directory);
    }

    @AfterEach
    void close() {
        fold.close();
    }

    private void poll(Event... events) {
        log.addAll(List.of(events));
        fold.poll(events);
    }

    @Test
    void findingsAppearAndGoWithTheDevicesTheyAreAbout() {
        poll(h1.snapshot(pci("pci_0000_05_00_0"),
                        hba("scsi_host1", 0x2000_0000_1234_1234L, WWPN, FABRIC),
                        vhba("scsi_host11", "scsi_host1", 0x2001L, 0x1001L, FABRIC),
                        vhba("scsi_host12", "scsi_host9", 0x2002L, 0x1002L, FABRIC),
                        vhba("scsi_host13", "pci_0000_05_00_0", 0x2003L, 0x1003L, FABRIC)),
                h2.snapshot(hba("scsi_host5", 0x2000_0000_0000_0005L, WWPN, FABRIC)));

        assertThat(findings()).containsExactly(
                new Finding(Kind.DUPLICATE_WWPN, "WWPN 1000000012341234 is used by 2 fc_hosts: h1/scsi_host1,"
                        + " h2/scsi_host5", List.of(new DeviceRef("h1", "scsi_host1"), new DeviceRef("h2", "scsi_host5"))),
                new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA h1/scsi_host13 names parent pci_0000_05_00_0, which is not"
                        + " vport capable (it has no fc_host)", List.of(new DeviceRef("h1", "pci_0000_05_00_0"),
                                new DeviceRef("h1", "scsi_host13"))),
                new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA h1/scsi_host12 names parent scsi_host9, which is not a"
                        + " device of host h1", List.of(new DeviceRef("h1", "scsi_host12"))));
        assertThat(counts()).containsEntry(Kind.DUPLICATE_WWPN, 1L).containsEntry(Kind.VHBA_WITHOUT_PARENT, 2L)
                .containsEntry(Kind.PARENT_OVER_CAPACITY, 0L);

        poll(h1Sysfs.snapshot(liveHba("scsi_host1", 0x2000_0000_1234_1234L, WWPN, FABRIC, 1, 3)),
                h1.upsert(vhba("scsi_host13", "scsi_host1", 0x2003L, 0x1003L, 0x2000_0000_0000_0bbbL)));

        assertThat(findings()).containsExactly(
                new Finding(Kind.DUPLICATE_WWPN, "WWPN 1000000012341234 is used by 2 fc_hosts: h1/scsi_host1,"
                        + " h2/scsi_host5", List.of(new DeviceRef("h1", "scsi_host1"), new DeviceRef("h2", "scsi_host5"))),
                new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA h1/scsi_host12 names parent scsi_host9, which is not a"
                        + " device of host h1", List.of(new DeviceRef("h1", "scsi_host12"))),
                new Finding(Kind.PARENT_OVER_CAPACITY, "parent h1/scsi_host1 has 3 vports in use, over its maximum"
                        + " of 1", List.of(new DeviceRef("h1", "scsi_host1"))),
                new Finding(Kind.FABRIC_MISMATCH, "vHBA h1/scsi_host13 is on fabric 2000000000000bbb, its parent"
                        + " scsi_host1 on fabric 2000000043214321", List.of(new DeviceRef("h1", "scsi_host1"),
                                new DeviceRef("h1", "scsi_host13"))),
                new Finding(Kind.VPORT_COUNT_MISMATCH, "parent h1/scsi_host1 reports 3 vports in use, but 2 vHBAs name"
                        + " it: scsi_host11, scsi_host13", List.of(new DeviceRef("h1", "scsi_host1"),
                                new DeviceRef("h1", "scsi_host11"), new DeviceRef("h1", "scsi_host13"))));
        assertThat(counts()).containsEntry(Kind.VHBA_WITHOUT_PARENT, 1L).containsEntry(Kind.PARENT_OVER_CAPACITY, 1L);

        poll(h2.remove("scsi_host5"), h1.upsert(hba("scsi_host9", 0x2009L, 0x1009L, FABRIC)),
                h1.remove("scsi_host13"), h1Sysfs.upsert(liveHba("scsi_host1", 0x2000_0000_1234_1234L, WWPN, FABRIC,
                        8, 1)));

        assertThat(findings()).isEmpty();
        assertThat(counts()).containsOnlyKeys(Kind.values()).allSatisfy((kind, count) -> assertThat(count).isZero());
        assertThat(fold.keys(Table.FINDINGS)).isEmpty();
        assertThat(fold.keys(Table.FINDING_COUNTS)).isEmpty();
        assertThat(fold.currentStateDigest()).isEqualTo(Logs.referenceDigest(log));
    }

    @Test
    void aDuplicateWwpnMadeByTwoHostsInOnePollIsOneFindingAndGoesWithEitherDevice() {
        poll(h1.snapshot(hba("scsi_host1", 0x2001L, WWPN, FABRIC)), h2.snapshot(hba("scsi_host5", 0x2005L, WWPN, FABRIC)),
                Events.of("h3", Source.UDEV).snapshot(liveHba("scsi_host7", 0x2007L, WWPN, FABRIC, 8, 0)));

        assertThat(findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.DUPLICATE_WWPN);
            assertThat(finding.message()).isEqualTo("WWPN 1000000012341234 is used by 3 fc_hosts: h1/scsi_host1,"
                    + " h2/scsi_host5, h3/scsi_host7");
        });

        poll(h2.remove("scsi_host5"));

        assertThat(findings()).extracting(Finding::message)
                .containsExactly("WWPN 1000000012341234 is used by 2 fc_hosts: h1/scsi_host1, h3/scsi_host7");
        assertThat(counts()).containsEntry(Kind.DUPLICATE_WWPN, 1L);

        poll(h1.upsert(hba("scsi_host1", 0x2001L, WWPN + 1, FABRIC)));

        assertThat(findings()).isEmpty();
        assertThat(fold.currentStateDigest()).isEqualTo(Logs.referenceDigest(log));
    }

    @Test
    void aPollFoldedWhileTheBatchBeforeIsWrittenReadsThatBatchForItsDuplicateWwpns(@TempDir Path pipelined) {
        Event first = h1.snapshot(hba("scsi_host1", 0x2001L, WWPN, FABRIC));
        Event second = h2.snapshot(hba("scsi_host5", 0x2005L, WWPN, FABRIC));
        poll(first);
        poll(second);

        try (FoldHarness pipeline = FoldHarness.open(pipelined)) {
            pipeline.pollsPipelined(List.of(first), List.of(second));

            assertThat(Pages.all(page -> pipeline.reader().findings(page).page())).extracting(Finding::message)
                    .containsExactly("WWPN 1000000012341234 is used by 2 fc_hosts: h1/scsi_host1, h2/scsi_host5");
            assertThat(pipeline.digest()).as("history included").isEqualTo(fold.digest());
        }
    }

    @Test
    void aPollFoldedWhileTheBatchBeforeIsWrittenCountsThatBatchsFindings(@TempDir Path pipelined) {
        Event first = h1.snapshot(vhba("scsi_host12", "scsi_host9", 0x2002L, 0x1002L, FABRIC));
        Event second = h2.snapshot(vhba("scsi_host13", "scsi_host8", 0x2003L, 0x1003L, FABRIC));

        try (FoldHarness pipeline = FoldHarness.open(pipelined)) {
            pipeline.pollsPipelined(List.of(first), List.of(second));

            assertThat(pipeline.reader().findings(PageRequest.first(1)).counts())
                    .as("two vHBAs name a parent their host does not have").containsEntry(Kind.VHBA_WITHOUT_PARENT, 2L);
        }
    }

    private List<Finding> findings() {
        return Pages.all(page -> fold.reader().findings(page).page());
    }

    private Map<Kind, Long> counts() {
        return fold.reader().findings(PageRequest.first(1)).counts();
    }
}
