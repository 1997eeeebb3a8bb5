package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.api.QueryServerConfig;
import io.nodedex.api.Replica;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.testkit.TestCertificates;
import io.nodedex.testkit.TestCertificates.KeyType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a server that serves HTTPS only and wants bearer tokens: a replica
 * of the shared all-in-one's log, with a certificate made in the test and a token file.
 */
@ExtendWith(SharedAllInOne.class)
class SecureClientTest {

    /** The token; the file holds its SHA-256 ({@code printf %s test | sha256sum}). */
    private static final String TOKEN = "test";
    private static final String TOKENS = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 read ci\n";

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static Replica replica;
    private static String server;

    @BeforeAll
    static void startSecureReplica(SharedAllInOne.Running running) throws IOException {
        Matcher broker = Pattern.compile("broker up at (\\S+) ").matcher(running.stages().get(0));
        assertThat(broker.find()).as(running.stages().get(0)).isTrue();
        certificates = TestCertificates.write(dir.resolve("pki"), KeyType.EC);
        Path tokens = Files.writeString(dir.resolve("tokens"), TOKENS);
        replica = Replica.start(IndexerConfig.of(broker.group(1), dir.resolve("db")).withTopics(EventTopics.DEFAULT),
                QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0)).withIoThreads(1).withSocketActivation(false)
                        .withTls(Optional.of(certificates.certificate()), Optional.of(certificates.privateKey()))
                        .withTokens(Optional.of(tokens)));
        server = "https://127.0.0.1:" + replica.server().address().getPort();
        ApiClient client = new ApiClient(URI.create(server), Optional.of(TOKEN),
                Optional.of(TrustedCertificates.of(certificates.caCertificate())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.get(List.of("v1", "hosts"), Map.of()).body().path("hosts").size() < SharedAllInOne.HOSTS) {
            assertThat(System.nanoTime()).as("the replica indexes the shared fleet within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void aClientWithTheTokenAndTheAuthorityIsAnswered() {
        CommandRun run = CommandRun.of("hosts", "--server", server, "--token", TOKEN, "--ca-cert",
                certificates.caCertificate().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("hv01", "hv04");
    }

    @Test
    void withoutATokenTheRefusalIsExplainedAndExitsSix() {
        CommandRun run = CommandRun.of("hosts", "--server", server, "--ca-cert", certificates.caCertificate().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED).isEqualTo(6);
        assertThat(run.err()).isEqualTo("nodedex: the nodedex server at " + server + " refused the request (401): GET"
                + " /v1/hosts needs a bearer token: send Authorization: Bearer TOKEN. Give a token with --token or"
                + " NODEDEX_TOKEN" + System.lineSeparator());
    }

    @Test
    void anUnknownTokenIsRefusedWithoutEchoingIt() {
        CommandRun run = CommandRun.of("lookup", "wwpn", "10000090fa000001", "--server", server, "--token",
                "guessed-7f3a", "--ca-cert", certificates.caCertificate().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.err()).contains("refused the request (401): the bearer token is not one this server knows")
                .doesNotContain("guessed-7f3a");
    }

    @Test
    void aServerWhoseAuthorityIsNotTrustedIsNotTalkedTo() {
        TestCertificates stranger = TestCertificates.write(dir.resolve("stranger"), KeyType.RSA);

        CommandRun system = CommandRun.of("hosts", "--server", server, "--token", TOKEN);
        CommandRun other = CommandRun.of("hosts", "--server", server, "--token", TOKEN, "--ca-cert",
                stranger.caCertificate().toString());

        assertThat(system.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(system.err()).startsWith("nodedex: no TLS connection to the nodedex server at " + server)
                .contains("trust it with --ca-cert FILE");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void aCaCertificateThatCannotBeUsedIsBadInputNamingIt() throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");

        CommandRun absent = CommandRun.of("hosts", "--server", server, "--ca-cert", missing.toString());
        CommandRun unusable = CommandRun.of("hosts", "--server", server, "--ca-cert", garbage.toString());
        CommandRun plain = CommandRun.of("hosts", "--server", "http://127.0.0.1:1", "--ca-cert",
                certificates.caCertificate().toString());

        assertThat(absent.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(absent.err()).contains("--ca-cert " + missing + " does not exist");
        assertThat(unusable.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unusable.err()).contains("--ca-cert " + garbage + " holds no PEM certificate");
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plain.err()).contains("--ca-cert is for an https:// server");
    }

    @Test
    void theTokenMayComeFromTheEnvironment() throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "hosts", "--server", server,
                "--ca-cert", certificates.caCertificate().toString(), "--json");
        child.environment().put(ClientOptions.TOKEN_VARIABLE, TOKEN);
        child.redirectErrorStream(true);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"hosts\"", "hv01");
    }
}
