package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.Wwn;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.testkit.KernelSysfs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SysfsSource} over fake sysfs trees in the kernel's layout, changed between rescans. Rescans
 * are triggered as a udev event triggers them, so each test knows when one has finished.
 */
class SysfsSourceTest {

    private static final long FABRIC_A = 0x1000_0005_1e9a_0b01L;
    private static final long FABRIC_B = 0x1000_0005_1e9a_0b02L;
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path root;
    private KernelSysfs sysfs;
    private final RecordingOutlet outlet = new RecordingOutlet();
    private SysfsSource source;

    @BeforeEach
    void twoPortsAndAVhba() {
        sysfs = new KernelSysfs(root)
                .port(7, "0000:05:00.0", 0x0090_fa1c_2d3eL, FABRIC_A, "Online", 255, 1)
                .port(8, "0000:05:00.1", 0x0090_fa1c_2d3fL, FABRIC_B, "Online", 255, 0)
                .vhba(9, 7, 0, 0x0001_001b_32a9_da4eL, FABRIC_A);
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void firstPublishesASnapshotOfWhatTheOfflineReaderReads() throws Exception {
        start(HOUR);

        HostSnapshot snapshot = outlet.next(HostSnapshot.class);

        assertThat(snapshot.devices()).isEqualTo(SysfsTree.read(root));
        assertThat(snapshot.devices()).extracting(Device::name).containsExactly("scsi_host7", "scsi_host8", "scsi_host9");
        Device port = snapshot.devices().get(0);
        assertThat(port.fcHost().orElseThrow().wwpn()).isEqualTo(Wwn.parse("10000090fa1c2d3e"));
        assertThat(port.parent()).contains("pci_0000_05_00_0");
        assertThat(port.isVportCapable()).isTrue();
        Device vhba = snapshot.devices().get(2);
        assertThat(vhba.parent()).contains("scsi_host7");
        assertThat(vhba.isVhba()).isTrue();
    }

    @Test
    void aRescanOfAnUnchangedTreePublishesNothing() throws Exception {
        start(HOUR);
        outlet.next(HostSnapshot.class);

        rescan();
        rescan();

        assertThat(outlet.pending()).isZero();
    }

    @Test
    void aPortGoingLinkdownIsOneUpsertOfThatPort() throws Exception {
        start(HOUR);
        outlet.next(HostSnapshot.class);

        sysfs.fcHost(8, "port_state", "Linkdown").fcHost(8, "fabric_name", "0xffffffffffffffff");
        rescan();

        Device port = outlet.next(DeviceUpserted.class).device();
        assertThat(port.name()).isEqualTo("scsi_host8");
        FcHost fc = port.fcHost().orElseThrow();
        assertThat(fc.portState()).contains("Linkdown");
        assertThat(fc.fabricWwn()).contains(new Wwn(-1));
        assertThat(outlet.pending()).isZero();
    }

    @Test
    void aChangedVportCountIsOneUpsertWithTheNewCount() throws Exception {
        start(HOUR);
        outlet.next(HostSnapshot.class);

        sysfs.fcHost(7, "npiv_vports_inuse", "2");
        rescan();

        Device port = outlet.next(DeviceUpserted.class).device();
        assertThat(port.name()).isEqualTo("scsi_host7");
        assertThat(port.vportOps().orElseThrow().vports()).isEqualTo(2);
        assertThat(outlet.pending()).isZero();
    }

    @Test
    void aVhbaAppearingAndDisappearingIsUpsertedThenRemovedWithItsParentsCount() throws Exception {
        start(HOUR);
        outlet.next(HostSnapshot.class);

        sysfs.vhba(10, 8, 0, 0x0001_001b_32a9_da4fL, FABRIC_B).fcHost(8, "npiv_vports_inuse", "1");
        rescan();
        Device parentAfterCreate = outlet.next(DeviceUpserted.class).device();
        Device created = outlet.next(DeviceUpserted.class).device();
        assertThat(outlet.pending()).isZero();

        sysfs.remove(10).fcHost(8, "npiv_vports_inuse", "0");
        rescan();
        Device parentAfterDelete = outlet.next(DeviceUpserted.class).device();
        DeviceRemoved removed = outlet.next(DeviceRemoved.class);

        assertThat(parentAfterCreate.name()).isEqualTo("scsi_host8");
        assertThat(parentAfterCreate.vportOps().orElseThrow().vports()).isEqualTo(1);
        assertThat(created.name()).isEqualTo("scsi_host10");
        assertThat(created.parent()).contains("scsi_host8");
        assertThat(created.isVhba()).isTrue();
        assertThat(created.fcHost().orElseThrow().fabricWwn()).contains(new Wwn(FABRIC_B));
        assertThat(parentAfterDelete.vportOps().orElseThrow().vports()).isZero();
        assertThat(removed).isEqualTo(new DeviceRemoved("scsi_host10"));
        assertThat(outlet.pending()).isZero();
    }

    @Test
    void periodicRescansFindChangesWithoutAnyUdevEvent() throws Exception {
        start(Duration.ofMillis(20));
        outlet.next(HostSnapshot.class);

        sysfs.remove(9); // rescans may catch it half removed

        assertThat(outlet.nextOf(DeviceRemoved.class)).isEqualTo(new DeviceRemoved("scsi_host9"));
    }

    @Test
    void aMalformedValuePublishesNothingUntilFixedThenOnlyTheNetChange() throws Exception {
        start(HOUR);
        outlet.next(HostSnapshot.class);

        sysfs.fcHost(8, "port_name", "0xnot-a-wwn");
        rescan();
        assertThat(outlet.pending()).isZero();
        sysfs.fcHost(8, "port_name", "0x10000090fa1c2d3f").fcHost(8, "port_state", "Blocked");
        rescan();

        Device port = outlet.next(DeviceUpserted.class).device();
        assertThat(port.fcHost().orElseThrow().portState()).contains("Blocked");
        assertThat(outlet.pending()).isZero();
    }

    @Test
    void aRequestedSnapshotIsAFullSnapshotOfTheCurrentTree() throws Exception {
        start(HOUR);
        outlet.next(HostSnapshot.class);
        sysfs.remove(9);

        source.requestSnapshot();

        HostSnapshot snapshot = outlet.next(HostSnapshot.class);
        assertThat(snapshot.devices()).extracting(Device::name).containsExactly("scsi_host7", "scsi_host8");
        rescan();
        assertThat(outlet.pending()).isZero();
    }

    @Test
    void everyPublicationIsTaggedUdev() throws Exception {
        start(HOUR);

        assertThat(outlet.next().source()).isEqualTo(Source.UDEV);
    }

    @Test
    void anEmptyTreeIsAnEmptySnapshot(@TempDir Path empty) throws Exception {
        source = new SysfsSource(new SysfsSourceSettings(empty, HOUR, false));
        source.start(outlet);

        assertThat(outlet.next(HostSnapshot.class).devices()).isEmpty();
    }

    private void start(Duration rescanInterval) {
        source = new SysfsSource(new SysfsSourceSettings(root, rescanInterval, false));
        source.start(outlet);
    }

    /** Rescans as a udev event would and waits until that rescan has published what it found. */
    private void rescan() {
        Poll.until(() -> source.completedScans() > 0, "the first scan finished");
        long before = source.completedScans();
        source.rescanNow();
        Poll.until(() -> source.completedScans() > before, "a rescan finished");
    }
}
