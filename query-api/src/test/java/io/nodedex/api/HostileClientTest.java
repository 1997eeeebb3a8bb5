package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that try to wear the server out (docs/design.md, "Hostile clients"), each against a
 * server with short limits set in the test: a request trickled a byte a second (slowloris),
 * thousands of idle connections, more connections than the cap, and oversized headers.
 */
@ExtendWith(SharedKafka.class)
class HostileClientTest {

    private static final EventTopics TOPICS = EventTopics.named("hostile.events");
    private static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

    @TempDir
    Path dir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        broker = kafka;
        TOPICS.createWith(kafka::createTopic);
    }

    private Replica start(UnaryOperator<QueryServerConfig> limits) {
        return Replica.start(TestReplicas.indexer(broker.bootstrapServers(), dir.resolve("db"), TOPICS),
                limits.apply(TestReplicas.loopback(2)));
    }

    @Test
    void aRequestTrickledAByteASecondIsCutOffByTheHeaderTimeout() throws IOException {
        try (Replica replica = start(config -> config.withHeaderTimeout(Duration.ofSeconds(2)));
                Socket socket = connect(replica.server().address())) {
            byte[] request = "GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            socket.setSoTimeout(1000); // each read waits a second: the trickle's pace
            int sent = 0;
            boolean closed = false;
            while (!closed && sent < request.length) {
                try {
                    socket.getOutputStream().write(request[sent++]);
                    socket.getInputStream().read();
                    closed = true; // end of stream: the server closed (it never answers a partial request)
                } catch (SocketTimeoutException stillOpen) {
                    // the server is still waiting for the rest of the headers
                } catch (IOException reset) {
                    closed = true;
                }
            }

            assertThat(closed).as("closed before the request's %d bytes were all sent", request.length).isTrue();
            assertThat(sent).isLessThan(request.length);
            assertThat(new Http(replica.server().address()).get("/metrics").body())
                    .containsPattern("(?m)^nodedex_api_connections_timed_out_total\\{reason=\"header\"} 1(\\.0)?$");
        }
    }

    @Test
    void thousandsOfIdleConnectionsAreAllClosedByTheIdleTimeoutAndANewClientIsStillServed() throws IOException {
        int idle = 2_000;
        try (Replica replica = start(config -> config.withIdleTimeout(Duration.ofSeconds(2)))) {
            InetSocketAddress address = replica.server().address();
            List<Socket> sockets = new ArrayList<>(idle);
            try {
                for (int i = 0; i < idle; i++) {
                    sockets.add(connect(address));
                }
                for (Socket socket : sockets) {
                    socket.setSoTimeout(30_000);
                    assertThat(readToEnd(socket)).as("what an idle connection received before it closed").isEmpty();
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }

            assertThat(Http.raw(address, HEALTH.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")))
                    .startsWith("HTTP/1.1 200");
            String metrics = new Http(address).get("/metrics").body();
            assertThat(metrics)
                    .containsPattern("(?m)^nodedex_api_connections_timed_out_total\\{reason=\"idle\"} 2000(\\.0)?$");
        }
    }

    @Test
    void connectionsOverTheCapAreClosedAtOnceAndANewOneIsAdmittedWhenOthersClosed() throws IOException {
        int cap = 5;
        try (Replica replica = start(config -> config.withMaxConnections(cap))) {
            InetSocketAddress address = replica.server().address();
            List<Socket> admitted = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    Socket socket = connect(address);
                    admitted.add(socket);
                    assertThat(exchange(socket, HEALTH)).as("connection %d", i).startsWith("HTTP/1.1 200");
                }
                try (Socket over = connect(address)) {
                    over.setSoTimeout(30_000);
                    assertThat(readToEnd(over)).as("what the connection over the cap received").isEmpty();
                }

                admitted.remove(0).close();
                Await.until("a new connection to be admitted once one closed", () -> {
                    try (Socket socket = connect(address)) {
                        return exchange(socket, HEALTH).startsWith("HTTP/1.1 200");
                    } catch (IOException | UncheckedIOException refusedStill) {
                        return false;
                    }
                });
                Socket last = admitted.get(admitted.size() - 1);
                assertThat(exchange(last, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                        .containsPattern("(?m)^nodedex_api_connections_refused_total [1-9]");
            } finally {
                for (Socket socket : admitted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void headersOverTheLimitAre431AndARequestLineOverItIs414() {
        try (Replica replica = start(UnaryOperator.identity())) {
            String headers = Http.raw(replica.server().address(),
                    "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(Dispatcher.MAX_HEADER_SIZE)
                            + "\r\n\r\n");
            String line = Http.raw(replica.server().address(),
                    "GET /" + "y".repeat(Dispatcher.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(headers).startsWith("HTTP/1.1 431").contains("headers_too_large");
            assertThat(line).startsWith("HTTP/1.1 414").contains("uri_too_long");
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        return new Socket(address.getAddress(), address.getPort());
    }

    /** Writes {@code request} and reads one answer: the headers and the Content-Length bytes of body. */
    private static String exchange(Socket socket, String request) {
        try {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString();
                }
                head.append((char) b);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                    .matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return head + new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(Socket socket) {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException reset) {
            return ""; // closed by a reset: nothing was received
        }
    }
}
