package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.hbaWithoutFabric;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexEntriesTest {

    private static final long HOST = 0x0102_0304_0506_0708L;
    private static final long WWNN = 0x2000_0000_1234_1234L;
    private static final long WWPN = 0x1000_0000_1234_1234L;
    private static final long FABRIC = 0x2000_0000_4321_4321L;

    @Test
    void aVportCapableHbaIsIndexedByWwpnWwnPairFabricAndAsAParent() {
        Set<IndexEntry> entries = IndexEntries.of(HOST, "h1", hba("scsi_host1", WWNN, WWPN, FABRIC));

        assertThat(entries).containsExactlyInAnyOrder(
                IndexEntry.keyOnly(Table.BY_WWPN, Keys.byWwn(WWPN, "h1", "scsi_host1")),
                IndexEntry.keyOnly(Table.BY_WWNN_WWPN, Keys.byWwnPair(WWNN, WWPN, "h1", "scsi_host1")),
                IndexEntry.keyOnly(Table.BY_FABRIC, Keys.byWwn(FABRIC, "h1", "scsi_host1")),
                IndexEntry.keyOnly(Table.VPORT_PARENTS, Keys.device(HOST, "scsi_host1")));
    }

    @Test
    void aVhbaIsIndexedByItsWwnsAndFabricAndAsAVhbaValuedWithItsParent() {
        Set<IndexEntry> entries = IndexEntries.of(HOST, "h1", vhba("scsi_host11", "scsi_host1", WWNN + 1, WWPN + 1, FABRIC));

        assertThat(entries).containsExactlyInAnyOrder(
                IndexEntry.keyOnly(Table.BY_WWPN, Keys.byWwn(WWPN + 1, "h1", "scsi_host11")),
                IndexEntry.keyOnly(Table.BY_WWNN_WWPN, Keys.byWwnPair(WWNN + 1, WWPN + 1, "h1", "scsi_host11")),
                IndexEntry.keyOnly(Table.BY_FABRIC, Keys.byWwn(FABRIC, "h1", "scsi_host11")),
                new IndexEntry(Table.VHBAS, Keys.hostDevice("h1", "scsi_host11"), Keys.utf8("scsi_host1")));
    }

    @Test
    void anFcHostWithoutAFabricHasNoFabricRow() {
        assertThat(IndexEntries.of(HOST, "h1", hbaWithoutFabric("scsi_host3", WWNN, WWPN)))
                .extracting(IndexEntry::table)
                .containsExactlyInAnyOrder(Table.BY_WWPN, Table.BY_WWNN_WWPN, Table.VPORT_PARENTS);
    }

    @Test
    void aDeviceWithoutFcHostHasNoIndexRows() {
        assertThat(IndexEntries.of(HOST, "h1", pci("pci_0000_00_02_0"))).isEmpty();
    }

    @Test
    void wwnKeysAreBigEndianSoByteOrderIsUnsignedNumericOrder() {
        byte[] low = Keys.byWwn(0x1000_0000_0000_0000L, "h1", "a");
        byte[] high = Keys.byWwn(0xf000_0000_0000_0000L, "h1", "a");

        assertThat(java.util.Arrays.compareUnsigned(low, high)).isNegative();
        assertThat(low[0]).isEqualTo((byte) 0x10);
    }
}
