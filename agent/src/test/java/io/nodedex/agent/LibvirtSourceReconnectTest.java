package io.nodedex.agent;

import static io.nodedex.agent.LibvirtSourceTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.HostSnapshot;
import io.nodedex.testkit.TestDriverXml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LibvirtSource} through a private {@link Libvirtd} serving the test driver: what only a
 * daemon can show — the daemon dies, comes back, and the source reconnects with a fresh snapshot.
 * Each daemon start has a fresh test host, so whatever was created before a restart is gone after it.
 */
class LibvirtSourceReconnectTest {

    @TempDir
    Path dir;
    private final RecordingOutlet outlet = new RecordingOutlet();
    private Libvirtd daemon;
    private LibvirtSource source;

    @BeforeEach
    void needsLibvirtd() {
        assumeTrue(Files.isExecutable(Libvirtd.BINARY), "needs " + Libvirtd.BINARY);
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aKilledAndRestartedDaemonGetsAFreshSnapshotEveryTimeWithoutDuplicates() throws Exception {
        daemon = Libvirtd.start(dir);
        start();
        HostSnapshot first = outlet.next(HostSnapshot.class);
        String vhba = createVhba("2001001b32a9da70");
        assertThat(outlet.next(DeviceUpserted.class).device().name()).isEqualTo(vhba);

        restartDaemon();
        HostSnapshot second = outlet.next(HostSnapshot.class);
        restartDaemon();
        HostSnapshot third = outlet.next(HostSnapshot.class);

        assertThat(names(first)).contains("scsi_host1", "scsi_host2", "scsi_host11").doesNotHaveDuplicates();
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(names(third)).doesNotContain(vhba);
        assertThat(outlet.pending()).isZero();
    }

    @Test
    void eventsFlowOnTheNewConnectionAfterAReconnect() throws Exception {
        daemon = Libvirtd.start(dir);
        start();
        outlet.next(HostSnapshot.class);

        restartDaemon();
        outlet.next(HostSnapshot.class);
        String vhba = createVhba("2001001b32a9da71");

        DeviceUpserted created = outlet.next(DeviceUpserted.class);
        assertThat(created.device().name()).isEqualTo(vhba);
        assertThat(created.device().fcHost().orElseThrow().wwpn()).hasToString("2101001b32a9da71");
    }

    @Test
    void aDaemonThatIsNotRunningYetIsRetriedUntilItIs() throws Exception {
        start(); // nothing listens yet: the source keeps retrying with backoff
        assertThat(outlet.pending()).isZero();

        daemon = Libvirtd.start(dir);

        assertThat(names(outlet.next(HostSnapshot.class))).contains("scsi_host1", "scsi_host2", "scsi_host11");
    }

    private void start() {
        source = new LibvirtSource(LibvirtSourceSettings.of("test+unix:///default?socket=" + dir.resolve("libvirt-sock"))
                .withReconnect(LibvirtSourceTest.FAST));
        source.start(outlet);
    }

    private void restartDaemon() throws Exception {
        daemon.kill();
        daemon = Libvirtd.start(dir);
    }

    private String createVhba(String wwnSuffix) {
        try (LibvirtConnection operator = LibvirtConnection.open(daemon.testDriverUri())) {
            return operator.createNodeDevice(TestDriverXml.vhbaRequest("scsi_host1", wwnSuffix, "21" + wwnSuffix.substring(2)));
        }
    }
}
