package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.api.QueryServerConfig;
import io.nodedex.indexer.IndexerConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nodedex serve}: its options, its errors, and a real run stopped by SIGTERM. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreWhatASysadminExpects() {
        ServeCommand command = parse();

        IndexerConfig indexer = command.indexerConfig();
        assertThat(indexer.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(indexer.topic()).isEqualTo("nodedex.events");
        assertThat(indexer.deadLetterTopic()).isEqualTo("nodedex.events.dlq");
        assertThat(indexer.dataDirectory()).isEqualTo(Path.of("data/indexer"));
        assertThat(indexer.rebuild()).isFalse();
        assertThat(indexer.syncWrites()).isFalse();
        QueryServerConfig server = command.serverConfig();
        assertThat(server.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(server.metricsListen()).isEmpty();
        assertThat(server.socketActivation()).isTrue();
        assertThat(server.responseCacheBytes()).isEqualTo(32L << 20);
        assertThat(server.tlsCertificate()).isEmpty();
        assertThat(server.tokens()).isEmpty();
        assertThat(server.allowUnauthenticated()).isFalse();
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(server.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(server.maxConnections()).isEqualTo(QueryServerConfig.defaultMaxConnections())
                .isBetween(1, 10_000);
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        ServeCommand command = parse("--bootstrap-servers", "k1:9092,k2:9092", "--topic", "inventory",
                "--dead-letter-topic", "inventory.bad", "--data", dir.toString(), "--listen", "[::1]:8081",
                "--metrics-listen", "127.0.0.1:9100", "--response-cache-mb", "0", "--rebuild", "--sync-writes",
                "--tls-cert", "/etc/nodedex/api.pem", "--tls-key", "/etc/nodedex/api.key", "--tokens",
                "/etc/nodedex/tokens", "--allow-unauthenticated", "--idle-timeout", "2m", "--header-timeout", "5s",
                "--max-connections", "300");

        IndexerConfig indexer = command.indexerConfig();
        assertThat(indexer.dataDirectory()).isEqualTo(dir);
        assertThat(indexer.syncWrites()).isTrue();
        assertThat(indexer.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(indexer.topic()).isEqualTo("inventory");
        assertThat(indexer.deadLetterTopic()).isEqualTo("inventory.bad");
        assertThat(indexer.rebuild()).isTrue();
        assertThat(command.serverConfig().listen()).isEqualTo(new InetSocketAddress("::1", 8081));
        assertThat(command.serverConfig().metricsListen()).contains(new InetSocketAddress("127.0.0.1", 9100));
        assertThat(command.serverConfig().responseCacheBytes()).isZero();
        QueryServerConfig server = command.serverConfig();
        assertThat(server.tlsCertificate()).contains(Path.of("/etc/nodedex/api.pem"));
        assertThat(server.tlsKey()).contains(Path.of("/etc/nodedex/api.key"));
        assertThat(server.tokens()).contains(Path.of("/etc/nodedex/tokens"));
        assertThat(server.allowUnauthenticated()).isTrue();
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(server.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(server.maxConnections()).isEqualTo(300);
    }

    @Test
    void aCertificateWithoutItsKeyIsBadInput() {
        CommandRun run = CommandRun.of("serve", "--data", dir.toString(), "--tls-cert", "api.pem");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--tls-cert needs --tls-key");
    }

    @Test
    void anAddressBeyondLoopbackWithoutTokensIsRefusedSayingWhatToDo() {
        CommandRun run = CommandRun.of("serve", "--data", dir.resolve("db").toString(), "--bootstrap-servers",
                "127.0.0.1:1", "--listen", "0.0.0.0:0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("nodedex: refusing to serve the API on 0.0.0.0:0 without tokens")
                .contains("--tokens FILE", "--allow-unauthenticated");
    }

    @Test
    void aMalformedTokenFileIsRefusedNamingTheFileAndLine() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "# callers\nabc read ci\n");

        CommandRun run = CommandRun.of("serve", "--data", dir.resolve("db").toString(), "--bootstrap-servers",
                "127.0.0.1:1", "--listen", "127.0.0.1:0", "--tokens", tokens.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("nodedex: " + tokens + ":2: the first field must be the SHA-256 of the token");
    }

    @Test
    void aMissingCertificateIsRefusedNamingIt() {
        Path missing = dir.resolve("api.pem");

        CommandRun run = CommandRun.of("serve", "--data", dir.resolve("db").toString(), "--bootstrap-servers",
                "127.0.0.1:1", "--listen", "127.0.0.1:0", "--tls-cert", missing.toString(), "--tls-key",
                dir.resolve("api.key").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("nodedex: TLS certificate " + missing + " does not exist"
                + System.lineSeparator());
    }

    @Test
    void aConnectionLimitBelowOneIsAUsageError() {
        CommandRun run = CommandRun.of("serve", "--data", dir.toString(), "--max-connections", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--max-connections must be at least 1: 0");
    }

    @Test
    void aNegativeCacheSizeIsAUsageError() {
        CommandRun run = CommandRun.of("serve", "--data", dir.toString(), "--response-cache-mb", "-1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--response-cache-mb must not be negative: -1");
    }

    @Test
    void aListenAddressWithoutAPortIsAUsageErrorNamingIt() {
        CommandRun run = CommandRun.of("serve", "--data", dir.toString(), "--listen", "localhost");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("malformed listen address 'localhost'");
    }

    @Test
    void aPortInUseFailsTheStartNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            CommandRun run = CommandRun.of("serve", "--data", dir.toString(), "--bootstrap-servers", "127.0.0.1:1",
                    "--listen", address);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).contains("nodedex serve: cannot listen on " + address);
        }
    }

    @Test
    void aDataDirectoryOfAnOlderLayoutIsRefusedSayingHowToRebuildIt() throws Exception {
        Path old = dir.resolve("old");
        try (org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true);
                org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, old.toString())) {
            db.put("layout".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "2".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // the release before enrolments
        }

        CommandRun serve = CommandRun.of("serve", "--data", old.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--listen", "127.0.0.1:0");
        CommandRun indexer = CommandRun.of("indexer", "--data", old.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(serve.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(serve.err()).contains("has layout 2; this version of nodedex reads layout 5",
                "run `nodedex indexer --rebuild --data " + old + "` (or `nodedex serve --rebuild --data " + old + "`)");
        assertThat(indexer.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(indexer.err()).startsWith("nodedex indexer: the indexer database in " + old + " has layout 2")
                .contains("nodedex indexer --rebuild");
    }

    @Test
    void aRealServerAnswersHealthIsNotReadyWithoutABrokerAndStopsCleanlyOnSigterm() throws Exception {
        Path log = dir.resolve("serve.log");
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--bootstrap-servers", "127.0.0.1:1", "--data", dir.resolve("db").toString(), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            InetSocketAddress address = listeningAddress(serve, log);
            HttpClient client = HttpClient.newHttpClient();

            assertThat(status(client, address, "/healthz")).isEqualTo(200);
            assertThat(status(client, address, "/readyz")).isEqualTo(503);
            assertThat(status(client, address, "/v1/hosts")).isEqualTo(503);

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isEqualTo(143); // 128 + SIGTERM after a clean shutdown
            assertThat(Files.readString(log)).contains("replica stopped");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Polls the server's log until it says where it listens. */
    private static InetSocketAddress listeningAddress(Process serve, Path log) throws Exception {
        Pattern listening = Pattern.compile("query API on http://([0-9.]+):(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = listening.matcher(Files.readString(log));
            if (matcher.find()) {
                return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
            if (!serve.isAlive()) {
                throw new AssertionError("the server ended before it listened: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not say where it listens within 60 s: " + Files.readString(log));
    }

    private static int status(HttpClient client, InetSocketAddress address, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

}
