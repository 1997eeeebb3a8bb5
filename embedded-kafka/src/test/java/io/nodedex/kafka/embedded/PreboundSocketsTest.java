package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreboundSocketsTest {

    private static final String HOST = "127.0.0.1";
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(HOST, 0);

    private final PreboundSockets sockets = new PreboundSockets(HOST);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void theBrokerGetsTheNonBlockingSocketBoundForItsListener() throws IOException {
        int port = sockets.bind("PLAINTEXT", 0);

        try (ServerSocketChannel channel = sockets.openServerSocket(
                "PLAINTEXT", new InetSocketAddress(HOST, port), 50, -1)) {
            assertThat(port).isPositive();
            assertThat(channel.socket().getLocalPort()).isEqualTo(port);
            assertThat(channel.isBlocking()).isFalse();
        }
    }

    @Test
    void aListenerBoundNowhereIsOpenedAsKafkaWouldOpenIt() throws IOException {
        int bound = sockets.bind("PLAINTEXT", 0);

        try (ServerSocketChannel channel =
                     sockets.openServerSocket("OTHER", ANY_PORT, 50, -1)) {
            assertThat(channel.socket().getLocalPort()).isPositive().isNotEqualTo(bound);
        }
    }

    @Test
    void bindingAPortInUseFailsNamingListenerAndAddress() throws IOException {
        int port = sockets.bind("PLAINTEXT", 0);

        assertThatThrownBy(() -> sockets.bind("CONTROLLER", port))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONTROLLER")
                .hasMessageContaining(HOST + ":" + port)
                .hasMessageContaining("already in use");
    }

    @Test
    void closeReleasesTheSocketsTheBrokerDidNotTake() throws IOException {
        int port = sockets.bind("CONTROLLER", 0);

        sockets.close();

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(HOST, port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
