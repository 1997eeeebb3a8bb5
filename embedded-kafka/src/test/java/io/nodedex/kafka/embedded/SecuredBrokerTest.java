package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.kafka.embedded.TestClients.StoredRecord;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A secured broker: clients reach it over TLS (its certificate checked against the CA it made,
 * host name included) and log in with SCRAM-SHA-512; a client with a wrong password or an unknown
 * user is refused by the broker.
 */
class SecuredBrokerTest {

    private static final Map<String, String> USERS = Map.of("nodedex", "s3cret", "auditor", "an0ther");

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().security(KafkaSecurity.saslSsl(USERS)).start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void aUserWithItsPasswordWritesAndReadsOverTls() throws Exception {
        broker.createTopic("secured", 2);
        List<ProducerRecord<String, String>> records = IntStream.range(0, 50)
                .mapToObj(i -> new ProducerRecord<>("secured", "host-" + (i % 5), "event-" + i)).toList();

        List<StoredRecord> sent = TestClients.produce(broker.bootstrapServers(),
                broker.clientProperties("nodedex", "s3cret"), records);

        assertThat(TestClients.readAll(broker.bootstrapServers(), broker.clientProperties("auditor", "an0ther"),
                "secured")).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aClientGetsTheTrustStoreTheSaslMechanismAndItsLogin() {
        Map<String, String> client = broker.clientProperties("nodedex", "s3cret");

        assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"nodedex\" password=\"s3cret\";");
        assertThat(Path.of(client.get("ssl.truststore.location"))).isRegularFile();
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefusedByTheBroker() {
        assertThatThrownBy(() -> listTopics(broker.clientProperties("nodedex", "guess")))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("Authentication failed");
        assertThatThrownBy(() -> listTopics(broker.clientProperties("intruder", "s3cret")))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aPlaintextBrokerHasNoClientProperties() {
        try (EmbeddedKafkaBroker plain = EmbeddedKafkaBroker.start()) {
            assertThatThrownBy(() -> plain.clientProperties("nodedex", "s3cret"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("listens in plaintext");
        }
    }

    @Test
    void namesAndPasswordsOutsideTheScramSyntaxAreRefused() {
        assertThatThrownBy(() -> KafkaSecurity.saslSsl(Map.of("nodedex", "a,b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SCRAM user 'nodedex'");
        assertThatThrownBy(() -> KafkaSecurity.saslSsl(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void listTopics(Map<String, String> clientProperties) throws Exception {
        Map<String, String> properties = new HashMap<>(clientProperties);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = TestClients.admin(broker.bootstrapServers(), properties)) {
            admin.listTopics().names().get();
        }
    }
}
