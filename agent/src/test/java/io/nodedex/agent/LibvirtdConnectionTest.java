package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nodedex.testkit.TestDriverXml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote connection ({@code test+unix://}) to a private {@link Libvirtd}: what only a
 * connection through a daemon has — keepalive and the close callback.
 */
class LibvirtdConnectionTest {

    @TempDir
    Path dir;
    private Libvirtd daemon;
    private LibvirtConnection connection;

    @BeforeEach
    void startDaemon() throws Exception {
        assumeTrue(Files.isExecutable(Libvirtd.BINARY), "needs " + Libvirtd.BINARY);
        daemon = Libvirtd.start(dir);
        connection = LibvirtConnection.open(daemon.testDriverUri());
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void servesTheTestDriverWithEvents() throws Exception {
        Handoff<NodeDeviceEvent> events = new Handoff<>();
        connection.subscribeNodeDeviceEvents(events);

        String vhba = connection.createNodeDevice(
                TestDriverXml.vhbaRequest("scsi_host1", "2001001b32a9da50", "2101001b32a9da50"));

        assertThat(connection.listNodeDeviceNames()).contains("scsi_host1", "scsi_host2", vhba);
        assertThat(events.next()).isEqualTo(new NodeDeviceEvent(vhba, NodeDeviceEvent.Kind.CREATED));
        assertThat(connection.isAlive()).isTrue();
    }

    @Test
    void supportsKeepalive() {
        assertThat(connection.setKeepAlive(5, 3)).isTrue();
    }

    @Test
    void aKilledDaemonFiresTheCloseCallbackWithEof() throws Exception {
        Handoff<CloseReason> closes = new Handoff<>();
        connection.onClose(closes);
        connection.subscribeNodeDeviceEvents(event -> { });

        daemon.kill();

        assertThat(closes.next()).isEqualTo(CloseReason.EOF);
        assertThat(connection.isAlive()).isFalse();
        assertThatThrownBy(connection::listNodeDeviceNames).isInstanceOf(LibvirtException.class);
        connection.close();
        connection.close();
        assertThat(connection.subscriptionCount()).isZero();
    }

    @Test
    void aFrozenDaemonIsDetectedByKeepalive() throws Exception {
        Handoff<CloseReason> closes = new Handoff<>();
        connection.onClose(closes);
        assertThat(connection.setKeepAlive(1, 1)).isTrue();

        daemon.freeze();

        assertThat(closes.next()).isEqualTo(CloseReason.KEEPALIVE);
        assertThat(connection.isAlive()).isFalse();
    }

    @Test
    void anUnsubscribedCloseListenerHearsNothing() throws Exception {
        Handoff<CloseReason> unsubscribed = new Handoff<>();
        connection.onClose(unsubscribed).close();
        Handoff<CloseReason> subscribed = new Handoff<>();
        connection.onClose(subscribed);

        daemon.kill();

        assertThat(subscribed.next()).isEqualTo(CloseReason.EOF);
        assertThat(unsubscribed.pending()).isZero();
    }
}
