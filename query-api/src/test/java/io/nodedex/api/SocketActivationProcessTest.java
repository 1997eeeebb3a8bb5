package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket activation for real: {@code systemd-socket-activate} (Debian package {@code systemd})
 * binds the sockets, waits for a first connection, then execs a child JVM running a replica
 * ({@link ActivatedReplicaMain}) with {@code LISTEN_FDS}, {@code LISTEN_PID} and, with
 * {@code --fdname}, {@code LISTEN_FDNAMES}.
 */
@ExtendWith(SharedKafka.class)
class SocketActivationProcessTest {

    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");
    private static final EventTopics TOPICS = EventTopics.named("activation.events").withEventPartitions(1);

    private static String bootstrapServers;

    @TempDir
    Path directory;

    private Process process;

    @BeforeAll
    static void publishFleet(EmbeddedKafkaBroker kafka) {
        TOPICS.createWith(kafka::createTopic);
        TestFleet.publish(kafka.bootstrapServers(), TOPICS.events().name());
        bootstrapServers = kafka.bootstrapServers();
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void namedSocketsServeTheApiAndTheOperationalRoutesApart() throws IOException {
        int http = freePort();
        int metrics = freePort();
        activate(List.of("-l", "127.0.0.1:" + http, "-l", "127.0.0.1:" + metrics, "--fdname=http:metrics"),
                "127.0.0.1:0");

        Http api = new Http(new InetSocketAddress("127.0.0.1", http));
        assertThat(api.get("/healthz").status()).isEqualTo(200);
        Await.until("the activated replica to be ready", () -> api.get("/readyz").status() == 200);
        assertThat(api.get("/v1/hosts").json().get("hosts")).hasSize(TestFleet.HOSTS.size());
        Http operations = new Http(new InetSocketAddress("127.0.0.1", metrics));
        assertThat(operations.get("/metrics").body()).contains("nodedex_indexer_events_applied_total");
        assertThat(operations.get("/v1/hosts").status()).isEqualTo(404);
        assertThat(output()).contains("serving on /127.0.0.1:" + http + " socket activated true metrics on /127.0.0.1:"
                + metrics);
    }

    @Test
    void withoutNamesTheSocketOnTheConfiguredPortServesTheApi() throws IOException {
        int http = freePort();
        activate(List.of("-l", "127.0.0.1:" + http), "127.0.0.1:" + http);

        assertThat(new Http(new InetSocketAddress("127.0.0.1", http)).get("/healthz").status()).isEqualTo(200);
        assertThat(output()).contains("serving on /127.0.0.1:" + http + " socket activated true");
    }

    @Test
    void anUnnamedSocketOnAnotherPortIsAStartUpErrorNotABindElsewhere() throws Exception {
        int passed = freePort();
        int configured = freePort();
        activate(List.of("-l", "127.0.0.1:" + passed), "127.0.0.1:" + configured);
        knock(passed);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output()).contains("nodedex: socket activation: fd 3 (unnamed) listens on port " + passed
                + ", which is neither the configured API port " + configured).doesNotContain("serving on");
    }

    @Test
    void aSocketWithAnUnknownNameIsAStartUpError() throws Exception {
        int passed = freePort();
        activate(List.of("-l", "127.0.0.1:" + passed, "--fdname=web"), "127.0.0.1:" + passed);
        knock(passed);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output()).contains("fd 3 (named web) has an unknown name: name the sockets http and metrics");
    }

    /** Starts systemd-socket-activate with the child JVM and waits until it listens. */
    private void activate(List<String> activateOptions, String listen) throws IOException {
        assumeTrue(Files.isExecutable(ACTIVATE), "needs " + ACTIVATE + " (Debian package systemd)");
        List<String> command = new ArrayList<>();
        command.add(ACTIVATE.toString());
        command.addAll(activateOptions);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ActivatedReplicaMain.class.getName(), bootstrapServers, TOPICS.events().name(),
                directory.resolve("db").toString(), listen));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("output.txt").toFile()).start();
        Await.until("systemd-socket-activate to listen", () -> output().contains("Listening on"));
    }

    /** A first connection: what makes systemd-socket-activate exec the child. */
    private static void knock(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private String output() {
        try {
            Path file = directory.resolve("output.txt");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
