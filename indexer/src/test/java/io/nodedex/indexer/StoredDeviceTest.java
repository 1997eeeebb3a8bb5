package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.testkit.Devices;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A device travelling with its stored form, and what the fold asks of it again and again. */
class StoredDeviceTest {

    @Test
    void anFcHostsWwpnIsItsPortNameAndEveryOtherDeviceHasNone() {
        StoredDevice hba = StoredDevice.made(Devices.hba("scsi_host3", 0x2000_0000_c9aa_0001L, 0x1000_0000_c9aa_0001L,
                0x1000_0005_1e9a_0000L));
        StoredDevice vhba = StoredDevice.made(Devices.vhba("scsi_host9", "scsi_host3", 0x2001_0000_c9aa_0001L,
                0x1001_0000_c9aa_0001L, 0x1000_0005_1e9a_0000L));

        assertThat(hba.wwpn()).isEqualTo(OptionalLong.of(0x1000_0000_c9aa_0001L));
        assertThat(vhba.wwpn()).isEqualTo(OptionalLong.of(0x1001_0000_c9aa_0001L));
        assertThat(StoredDevice.made(Devices.scsiHost("scsi_host0")).wwpn()).isEmpty();
        assertThat(StoredDevice.made(Devices.pci("pci_0000_05_00_0")).wwpn()).isEmpty();
    }

    @Test
    void aStoredFormIsMadeOnceAndIsTheFormTheStoreDecodes() {
        StoredDevice made = StoredDevice.made(Devices.scsiHost("scsi_host0"));

        assertThat(made.bytes()).isSameAs(made.bytes());
        assertThat(StoredDevice.decoded(made.bytes()).device()).isEqualTo(made.device());
    }
}
