package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libvirt errors become {@link LibvirtException}s; libvirt itself prints nothing. */
class LibvirtErrorsTest {

    /** {@code VIR_FROM_TEST}: the error was raised by the test driver. */
    private static final int FROM_TEST_DRIVER = 12;
    /** {@code VIR_FROM_RPC}: the error was raised by libvirt's RPC client. */
    private static final int FROM_RPC = 7;

    @TempDir
    Path dir;

    @Test
    void anUnknownDeviceIsReportedWithLibvirtsCodeAndDomain() {
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            LibvirtException error = catchThrowableOfType(LibvirtException.class,
                    () -> connection.nodeDeviceXml("scsi_host404"));

            assertThat(error.hasCode(LibvirtErrorCode.NO_NODE_DEVICE)).isTrue();
            assertThat(error.code()).isEqualTo(53);
            assertThat(error.domain()).isEqualTo(FROM_TEST_DRIVER);
            assertThat(error.libvirtMessage()).contains("scsi_host404");
            assertThat(error.getMessage())
                    .startsWith("Look up node device 'scsi_host404' on test:///default failed: ");
        }
    }

    @Test
    void destroyingAnUnknownDeviceNamesIt() {
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            assertThatThrownBy(() -> connection.destroyNodeDevice("scsi_host404"))
                    .isInstanceOfSatisfying(LibvirtException.class, error ->
                            assertThat(error.hasCode(LibvirtErrorCode.NO_NODE_DEVICE)).isTrue())
                    .hasMessageContaining("'scsi_host404'");
        }
    }

    @Test
    void malformedDeviceXmlIsRejected() {
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            assertThatThrownBy(() -> connection.createNodeDevice("<device><parent>"))
                    .isInstanceOf(LibvirtException.class)
                    .hasMessageStartingWith("Create a node device on test:///default failed: ");
        }
    }

    @Test
    void aMissingHostFileIsNamed() {
        Path missing = dir.resolve("no-such-host.xml");

        assertThatThrownBy(() -> LibvirtConnection.open("test://" + missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aBrokenHostFileIsRejectedByLibvirtNamingTheUri() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<node><device>");

        assertThatThrownBy(() -> LibvirtConnection.open("test://" + broken))
                .isInstanceOfSatisfying(LibvirtException.class, error ->
                        assertThat(error.domain()).isEqualTo(FROM_TEST_DRIVER))
                .hasMessageContaining("test://" + broken);
    }

    @Test
    void anUnreachableDaemonSocketIsASystemError() {
        Path socket = dir.resolve("no-daemon-here");

        LibvirtException error = catchThrowableOfType(LibvirtException.class,
                () -> LibvirtConnection.open("test+unix:///default?socket=" + socket));

        assertThat(error.hasCode(LibvirtErrorCode.SYSTEM_ERROR)).isTrue();
        assertThat(error.domain()).isEqualTo(FROM_RPC);
        assertThat(error.libvirtMessage()).contains(socket.toString());
    }

    @Test
    void libvirtHandsErrorsToOurSilentHandler() {
        long before = SilentErrorHandler.errorsSeen();
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            assertThatThrownBy(() -> connection.nodeDeviceXml("scsi_host404"))
                    .isInstanceOf(LibvirtException.class);
        }

        assertThat(SilentErrorHandler.errorsSeen()).isGreaterThan(before);
    }

    @Test
    void theErrorIsResetAfterItWasReported() {
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            assertThatThrownBy(() -> connection.nodeDeviceXml("scsi_host404"))
                    .isInstanceOf(LibvirtException.class);

            assertThat(LibvirtErrors.lastError("nothing failed").code()).isZero();
        }
    }

    /** libvirt writes to file descriptor 2 directly, so only another process can watch it. */
    @Test
    void failingCallsPrintNothingOnStderr() throws Exception {
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process probe = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                FailingCallsProbe.class.getName(), dir.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();

        assertThat(probe.waitFor(Handoff.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(stdout, StandardCharsets.UTF_8))
                .contains("failures: " + FailingCallsProbe.FAILURES);
        assertThat(probe.exitValue()).isZero();
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).isEmpty();
    }
}
