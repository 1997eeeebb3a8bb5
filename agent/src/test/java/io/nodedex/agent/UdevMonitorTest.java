package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.HostSnapshot;
import io.nodedex.testkit.KernelSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The udev monitor where no udev daemon runs (CI, containers): it refuses to open, naming why, and
 * the sysfs source falls back to periodic rescans.
 */
class UdevMonitorTest {

    @TempDir
    Path dir;

    @Test
    void refusesToOpenWithoutAUdevDaemonNamingTheMissingControlSocket() {
        Path missing = dir.resolve("control");

        assertThatThrownBy(() -> UdevMonitor.open(UdevMonitor.HBA_SUBSYSTEMS, missing))
                .isInstanceOf(UdevUnavailableException.class)
                .hasMessageContaining("no udev daemon")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void theSysfsSourceFallsBackToPeriodicRescansWhenTheMonitorCannotOpen() throws Exception {
        assumeFalse(Files.exists(Path.of(UdevMonitor.CONTROL_SOCKET)), "a udev daemon runs here");
        KernelSysfs sysfs = new KernelSysfs(dir).port(3, "0000:05:00.0", 0x3L, 0x1000_0005_1e9a_0b01L, "Online", 8, 0)
                .vhba(4, 3, 0, 0x4L, 0x1000_0005_1e9a_0b01L);
        RecordingOutlet outlet = new RecordingOutlet();
        try (SysfsSource source = new SysfsSource(new SysfsSourceSettings(dir, Duration.ofMillis(20), true))) {
            source.start(outlet);
            assertThat(outlet.next(HostSnapshot.class).devices()).hasSize(2);
            assertThat(source.hotplugActive()).isFalse();

            sysfs.remove(4);

            assertThat(outlet.nextOf(DeviceRemoved.class)).isEqualTo(new DeviceRemoved("scsi_host4"));
        }
    }
}
