package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientPropertiesTest {

    /** A client config file as an operator writes it for a SASL_SSL cluster. */
    private static final String SASL_SSL = """
            # the site's Kafka, over TLS with SCRAM
            security.protocol=SASL_SSL
            ssl.truststore.location=/etc/nodedex/kafka-ca.p12
            ssl.truststore.type=PKCS12
            ssl.truststore.password=changeit
            sasl.mechanism=SCRAM-SHA-512
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                username="nodedex" password="s3cret";
            linger.ms=3
            fetch.min.bytes=1
            """;

    @TempDir
    Path directory;

    @Test
    void aClientConfigFileIsReadAsKafkasToolsReadOne() throws IOException {
        ClientProperties properties = ClientProperties.load(write("client.properties", SASL_SSL));

        assertThat(properties.values()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"nodedex\" password=\"s3cret\";")
                .hasSize(8);
    }

    @Test
    void eachClientGetsTheSecuritySettingsAndOnlyTheTuningItKnows() throws IOException {
        ClientProperties properties = ClientProperties.load(write("client.properties", SASL_SSL));

        assertThat(properties.producer()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("linger.ms", "3")
                .doesNotContainKey("fetch.min.bytes");
        assertThat(properties.consumer()).containsEntry("ssl.truststore.location", "/etc/nodedex/kafka-ca.p12")
                .containsEntry("fetch.min.bytes", "1").doesNotContainKey("linger.ms");
        assertThat(properties.admin()).containsEntry("sasl.jaas.config", properties.values().get("sasl.jaas.config"))
                .doesNotContainKeys("linger.ms", "fetch.min.bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "client.id", "key.serializer", "value.deserializer", "acks",
        "enable.idempotence", "transactional.id", "group.id", "enable.auto.commit", "auto.offset.reset"})
    void aKeyNodedexSetsItselfIsRefusedNamingTheFileAndTheKey(String key) throws IOException {
        Path file = write("client.properties", "security.protocol=SSL\n" + key + "=x\n");

        assertThatThrownBy(() -> ClientProperties.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": Kafka client property '" + key + "' is set by nodedex itself");
    }

    @Test
    void aMisspeltKeyIsRefusedRatherThanIgnored() throws IOException {
        Path file = write("client.properties", "ssl.truststore.locaton=/etc/ca.p12\n");

        assertThatThrownBy(() -> ClientProperties.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": 'ssl.truststore.locaton' is not a Kafka client property (no producer, consumer"
                        + " or admin client knows it)");
    }

    @Test
    void configProvidersMayBeConfigured() {
        ClientProperties properties = new ClientProperties(Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));

        assertThat(properties.consumer()).containsKeys("config.providers", "config.providers.file.class");
    }

    @Test
    void aMissingOrUnreadableFileIsBadInputNamingIt() throws IOException {
        Path missing = directory.resolve("missing.properties");
        Path malformed = write("malformed.properties", "sasl.jaas.config=\\uZZZZ\n");

        assertThatThrownBy(() -> ClientProperties.load(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Kafka client config " + missing + " does not exist");
        assertThatThrownBy(() -> ClientProperties.load(directory)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot read Kafka client config " + directory);
        assertThatThrownBy(() -> ClientProperties.load(malformed)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot read Kafka client config " + malformed);
    }

    @Test
    void morePropertiesReplaceTheSameKeysAndAreCheckedToo() {
        ClientProperties file = new ClientProperties(Map.of("security.protocol", "SSL", "linger.ms", "3"));

        assertThat(file.with(Map.of("linger.ms", "20")).values())
                .isEqualTo(Map.of("security.protocol", "SSL", "linger.ms", "20"));
        assertThatThrownBy(() -> file.with(Map.of("acks", "1"))).hasMessageContaining("'acks'");
    }

    @Test
    void theTextNamesTheKeysButNeverTheValuesWhichMayBeSecrets() {
        ClientProperties properties = new ClientProperties(Map.of("ssl.keystore.password", "s3cret",
                "security.protocol", "SSL"));

        assertThat(properties.toString()).isEqualTo("ClientProperties[security.protocol, ssl.keystore.password]");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.ISO_8859_1);
    }
}
