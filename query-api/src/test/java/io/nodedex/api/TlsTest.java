package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.TestCertificates;
import io.nodedex.testkit.TestCertificates.KeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTPS with certificates made in the test ({@link TestCertificates}: an authority and a server
 * certificate it signed), over real TLS with the JDK's HTTP client.
 */
@ExtendWith(SharedKafka.class)
class TlsTest {

    private static final EventTopics TOPICS = EventTopics.named("tls.events");

    @TempDir
    Path dir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        broker = kafka;
        TOPICS.createWith(kafka::createTopic);
        TestFleet.publish(kafka.bootstrapServers(), TOPICS.events().name());
    }

    private Replica start(TestCertificates certificates) {
        return start(certificates.certificate(), certificates.privateKey());
    }

    private Replica start(Path certificate, Path key) {
        return Replica.start(TestReplicas.indexer(broker.bootstrapServers(), dir.resolve("db"), TOPICS),
                TestReplicas.loopback(1).withTls(Optional.of(certificate), Optional.of(key)));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void theApiIsServedOverHttpsWithAnRsaOrAnEcKey(KeyType keyType) {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), keyType);
        try (Replica replica = start(certificates)) {
            Http https = Http.https(replica.server().address(), certificates.caCertificate());

            assertThat(replica.server().scheme()).isEqualTo("https");
            assertThat(https.get("/healthz").status()).isEqualTo(200);
            Await.until("ready", () -> https.get("/readyz").status() == 200);
            assertThat(https.get("/v1/hosts").json().get("hosts").size()).isEqualTo(TestFleet.HOSTS.size());
            assertThat(https.send("HEAD", "/v1/hosts/" + TestFleet.FULL).status()).isEqualTo(200);
        }
    }

    @Test
    void aPlainHttpRequestToTheHttpsPortIsNeverAnswered() {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), KeyType.EC);
        try (Replica replica = start(certificates)) {
            String answer = Http.raw(replica.server().address(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(answer).doesNotContain("HTTP/1.1", "\"status\"");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServersAuthorityCannotConnect() {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), KeyType.EC);
        TestCertificates another = TestCertificates.write(dir.resolve("other"), KeyType.EC);
        try (Replica replica = start(certificates)) {
            Http stranger = Http.https(replica.server().address(), another.caCertificate());

            assertThatThrownBy(() -> stranger.get("/healthz")).isInstanceOf(UncheckedIOException.class)
                    .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aMissingCertificateOrKeyIsRefusedNamingTheFile() {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), KeyType.EC);
        Path missing = dir.resolve("nowhere.pem");

        assertThatThrownBy(() -> start(missing, certificates.privateKey())).isInstanceOf(InvalidInputException.class)
                .hasMessage("TLS certificate " + missing + " does not exist");
        assertThatThrownBy(() -> start(certificates.certificate(), missing)).isInstanceOf(InvalidInputException.class)
                .hasMessage("TLS private key " + missing + " does not exist");
        assertThatThrownBy(() -> start(dir, certificates.privateKey())).isInstanceOf(InvalidInputException.class)
                .hasMessage("TLS certificate " + dir + " is not a file");
    }

    @Test
    void filesThatHoldNoCertificateOrNoPkcs8KeyAreRefusedNamingThem() throws IOException {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), KeyType.RSA);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not PEM at all\n");
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.key"), pkcs1(certificates.privateKey()));

        assertThatThrownBy(() -> start(garbage, certificates.privateKey())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot use the TLS certificate " + garbage + " with the key "
                        + certificates.privateKey() + ": ")
                .hasMessageContaining(garbage.toString(), "PKCS#8");
        assertThatThrownBy(() -> start(certificates.certificate(), garbage)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot use the TLS certificate " + certificates.certificate()
                        + " with the key " + garbage + ": ");
        assertThatThrownBy(() -> start(certificates.certificate(), pkcs1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(pkcs1.toString());
        assertThatThrownBy(() -> start(certificates.privateKey(), certificates.certificate()))
                .isInstanceOf(InvalidInputException.class);
    }

    /** The RSA key of a PKCS#8 PEM file as PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}), as older tools write it. */
    private static String pkcs1(Path pkcs8) throws IOException {
        String pem = Files.readString(pkcs8);
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.substring(pem.indexOf('\n') + 1,
                pem.indexOf("-----END")));
        byte[] rsa = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(der).parsePrivateKey().toASN1Primitive()
                .getEncoded();
        return "-----BEGIN RSA PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(rsa) + "\n-----END RSA PRIVATE KEY-----\n";
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        TestCertificates certificates = TestCertificates.write(dir.resolve("pki"), KeyType.EC);
        TestCertificates another = TestCertificates.write(dir.resolve("other"), KeyType.EC);

        TestCertificates rsa = TestCertificates.write(dir.resolve("rsa"), KeyType.RSA);

        assertThatThrownBy(() -> start(certificates.certificate(), another.privateKey()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the key " + another.privateKey() + " is not the key of the (first) certificate in "
                        + certificates.certificate());
        assertThatThrownBy(() -> start(certificates.certificate(), rsa.privateKey()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the key " + rsa.privateKey() + " is not the key of the (first) certificate in "
                        + certificates.certificate());
    }
}
