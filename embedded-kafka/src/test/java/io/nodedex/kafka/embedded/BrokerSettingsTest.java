package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private final BrokerSettings single = BrokerSettings.singleNode("127.0.0.1", 19092, 19093, Path.of("/data/kafka"),
            false);
    /** Node 2 of three, with a SASL_SSL listener on 19094. */
    private final BrokerSettings secondOfThree = new BrokerSettings("127.0.0.1", 2, 19092, 19093,
            Map.of(1, 29093, 2, 19093, 3, 39093), Path.of("/data/node-2"), false,
            Optional.of(new BrokerSettings.SecuredEndpoint(19094, new SecuredListener(
                    KafkaSecurity.saslSsl(Map.of("nodedex", "s3cret")),
                    new TlsFiles(Path.of("/tls"), Path.of("/tls/server.p12"), "k", Path.of("/tls/truststore.p12"),
                            "t")))));

    @Test
    void everyPropertyNameIsOneKafkaKnows() {
        // Kafka only warns about unknown names, so a typo would silently keep the default
        assertThat(KafkaConfig.configDef().names()).containsAll(single.properties().keySet());
        Set<String> listenerScoped = secondOfThree.properties().keySet().stream()
                .filter(name -> name.startsWith("listener.name.")).collect(Collectors.toSet());
        assertThat(listenerScoped).containsExactly("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config");
        assertThat(KafkaConfig.configDef().names()).containsAll(secondOfThree.properties().keySet().stream()
                .filter(name -> !listenerScoped.contains(name)).toList());
    }

    @Test
    void kafkaAcceptsTheSettingsAsACombinedSingleNodeCluster() {
        KafkaConfig config = single.kafkaConfig();

        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.quorumConfig().voters()).containsExactly("1@127.0.0.1:19093");
        assertThat(config.metadataLogDir()).isEqualTo("/data/kafka");
        assertThat(config.autoCreateTopicsEnable()).isFalse();
        assertThat(single.properties()).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1");
    }

    @Test
    void aNodeOfThreeKnowsEveryVoterAndKeepsThreeCopiesOfInternalTopics() {
        KafkaConfig config = secondOfThree.kafkaConfig();

        assertThat(config.nodeId()).isEqualTo(2);
        assertThat(config.quorumConfig().voters())
                .containsExactly("1@127.0.0.1:29093", "2@127.0.0.1:19093", "3@127.0.0.1:39093");
        assertThat(secondOfThree.properties()).containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("default.replication.factor", "3");
    }

    @Test
    void aSecuredNodeServesClientsOnSaslSslAndReplicatesInPlaintext() {
        Map<String, String> properties = secondOfThree.properties();

        assertThat(properties).containsEntry("listener.security.protocol.map",
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092,SASL_SSL://127.0.0.1:19094")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("ssl.keystore.location", "/tls/server.p12");
        assertThat(secondOfThree.clientAddress()).isEqualTo("127.0.0.1:19094");
        assertThat(secondOfThree.brokerAddress()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void clientsBootstrapFromTheBrokerListener() {
        assertThat(single.clientAddress()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void aNodeMustBeOneOfTheVoters() {
        assertThatThrownBy(() -> new BrokerSettings("127.0.0.1", 4, 19092, 19093, Map.of(1, 19093),
                Path.of("/data"), false, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 4");
    }
}
