package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The udev hot-plug path for real, without root or a udev daemon: umockdev (Debian package
 * {@code umockdev}) emulates {@code /sys} and delivers uevents to libudev monitors in a process
 * that runs under its preload library. The work happens in {@link UmockdevHotplugProbe}.
 */
class UdevHotplugTest {

    private static final Path LIBUMOCKDEV = Path.of("/usr/lib/x86_64-linux-gnu/libumockdev.so.0");
    private static final Path PRELOAD = Path.of("/usr/lib/x86_64-linux-gnu/libumockdev-preload.so.0");

    @TempDir
    Path dir;

    @Test
    void aVhbaPluggedAndUnpluggedIsPublishedPromptlyThroughTheUdevMonitor() throws Exception {
        assumeTrue(Files.exists(LIBUMOCKDEV) && Files.exists(PRELOAD), "needs umockdev (apt-get install -y umockdev)");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UmockdevHotplugProbe.class.getName())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("LD_PRELOAD", PRELOAD.toString());
        Process probe = builder.start();

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(Files.readString(dir.resolve("stderr"))).isZero();
        String port = "scsi_host7 parent=pci_0000_05_00_0 vportCapable=true vhba=false wwpn=10000090fa1c2d3e vports=";
        assertThat(Files.readAllLines(dir.resolve("stdout"))).containsExactly(
                "view [" + port + "0]",
                "hotplug true",
                "view [" + port + "1, scsi_host9 parent=scsi_host7 vportCapable=false vhba=true wwpn=2101001b32a9da4e vports=-]",
                "view [" + port + "0]");
    }
}
