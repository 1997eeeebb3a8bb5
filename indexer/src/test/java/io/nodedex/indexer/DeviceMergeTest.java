package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.device;
import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceMergeTest {

    private static final Device LIBVIRT_HBA = hba("scsi_host5", 0x2000_0000_1234_1234L, 0x1000_0000_1234_1234L, 0x2000_0000_4321_4321L);
    private static final Device UDEV_HBA = liveHba("scsi_host5", 0x2000_0000_1234_1234L, 0x1000_0000_1234_1234L,
            0x2000_0000_4321_4321L, "Online", 255, 2);

    @Test
    void aDeviceOnlyLibvirtReportsIsLibvirtsDeviceAsIs() {
        assertThat(DeviceMerge.merge(Optional.of(LIBVIRT_HBA), Optional.empty())).contains(LIBVIRT_HBA);
    }

    @Test
    void aDeviceOnlyUdevReportsIsUdevsDeviceAsIs() {
        assertThat(DeviceMerge.merge(Optional.empty(), Optional.of(UDEV_HBA))).contains(UDEV_HBA);
    }

    @Test
    void aDeviceNoSourceReportsIsAbsent() {
        assertThat(DeviceMerge.merge(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void aDeviceOneSourceAloneReportsKeepsThatSourcesStoredFormWithoutEncodingIt() {
        byte[] carried = StoredValues.device(LIBVIRT_HBA);
        StoredDevice libvirt = StoredDevice.of(LIBVIRT_HBA, carried);
        StoredDevice udev = StoredDevice.of(UDEV_HBA, StoredValues.device(UDEV_HBA));

        assertThat(DeviceMerge.mergeStored(Optional.of(libvirt), Optional.empty())).containsSame(libvirt);
        assertThat(DeviceMerge.mergeStored(Optional.empty(), Optional.of(udev))).containsSame(udev);
        assertThat(DeviceMerge.mergeStored(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(libvirt.bytes()).isSameAs(carried);
    }

    @Test
    void aDeviceBothReportIsStoredAsTheMergedDeviceEncodedOnce() {
        StoredDevice merged = DeviceMerge.mergeStored(
                Optional.of(StoredDevice.of(LIBVIRT_HBA, StoredValues.device(LIBVIRT_HBA))),
                Optional.of(StoredDevice.of(UDEV_HBA, StoredValues.device(UDEV_HBA)))).orElseThrow();

        Device expected = DeviceMerge.merge(Optional.of(LIBVIRT_HBA), Optional.of(UDEV_HBA)).orElseThrow();
        assertThat(merged.device()).isEqualTo(expected);
        assertThat(StoredValues.device(merged.bytes())).isEqualTo(expected);
        assertThat(merged.bytes()).isSameAs(merged.bytes());
    }

    @Test
    void whenBothReportItLibvirtGivesTheDeviceAndUdevTheLivePortStateSpeedAndVportCounts() {
        Device merged = DeviceMerge.merge(Optional.of(LIBVIRT_HBA), Optional.of(UDEV_HBA)).orElseThrow();

        assertThat(merged.name()).isEqualTo("scsi_host5");
        assertThat(merged.parent()).isEqualTo(LIBVIRT_HBA.parent());
        assertThat(merged.sysfsPath()).isEqualTo(LIBVIRT_HBA.sysfsPath());
        assertThat(merged.attributes()).isEqualTo(LIBVIRT_HBA.attributes());
        FcHost fc = merged.fcHost().orElseThrow();
        assertThat(fc.wwpn()).isEqualTo(new Wwn(0x1000_0000_1234_1234L));
        assertThat(fc.portState()).contains("Online");
        assertThat(fc.speed()).contains("8 Gbit");
        assertThat(merged.vportOps()).contains(new VportOps(255, 2));
        assertThat(merged.capabilities()).extracting(c -> c.type())
                .containsExactly("scsi_host", "fc_host", "vport_ops");
    }

    @Test
    void libvirtsOwnBaseFieldsWinOverUdevs() {
        Device libvirt = new Device("scsi_host5", Optional.of("pci_a"), Optional.of("/sys/a"), Optional.of("lpfc"),
                List.of(), LIBVIRT_HBA.capabilities());
        Device udev = new Device("scsi_host5", Optional.of("pci_b"), Optional.of("/sys/b"), Optional.of("other"),
                List.of(), UDEV_HBA.capabilities());

        Device merged = DeviceMerge.merge(Optional.of(libvirt), Optional.of(udev)).orElseThrow();

        assertThat(merged.parent()).contains("pci_a");
        assertThat(merged.sysfsPath()).contains("/sys/a");
        assertThat(merged.driver()).contains("lpfc");
    }

    @Test
    void aPortStateLibvirtReportsIsKept() {
        Device libvirt = device("scsi_host5", "pci", new FcHost(new Wwn(1), new Wwn(2), Optional.empty(),
                Optional.of("Linkdown"), Optional.empty()));
        Device udev = device("scsi_host5", "pci", new FcHost(new Wwn(1), new Wwn(2), Optional.empty(),
                Optional.of("Online"), Optional.of("16 Gbit")));

        FcHost fc = DeviceMerge.merge(Optional.of(libvirt), Optional.of(udev)).orElseThrow().fcHost().orElseThrow();

        assertThat(fc.portState()).contains("Linkdown");
        assertThat(fc.speed()).contains("16 Gbit");
    }

    @Test
    void libvirtsWwnsAndFabricStayWhenUdevDisagrees() {
        Device udev = liveHba("scsi_host5", 0x2000_0000_1234_1234L, 0x1000_0000_9999_9999L, 0x2000_0000_7777_7777L,
                "Online", 255, 2);

        FcHost fc = DeviceMerge.merge(Optional.of(LIBVIRT_HBA), Optional.of(udev)).orElseThrow().fcHost().orElseThrow();

        assertThat(fc.wwpn()).isEqualTo(new Wwn(0x1000_0000_1234_1234L));
        assertThat(fc.fabricWwn()).contains(new Wwn(0x2000_0000_4321_4321L));
    }

    @Test
    void aCapabilityOnlyUdevReportsIsNotAdded() {
        Device udev = device("pci_x", "computer", new GenericCapability("pci", List.of()),
                new VportOps(255, 1));

        Device merged = DeviceMerge.merge(Optional.of(pci("pci_x")), Optional.of(udev)).orElseThrow();

        assertThat(merged).isEqualTo(pci("pci_x"));
    }

    @Test
    void libvirtsVportOpsStayWhenUdevReportsNone() {
        Device udev = device("scsi_host5", "pci", FcHost.of(new Wwn(1), new Wwn(2), Optional.empty()));
        Device libvirt = device("scsi_host5", "pci", FcHost.of(new Wwn(1), new Wwn(2), Optional.empty()),
                new VportOps(64, 3));

        Device merged = DeviceMerge.merge(Optional.of(libvirt), Optional.of(udev)).orElseThrow();

        assertThat(merged.vportOps()).contains(new VportOps(64, 3));
    }
}
