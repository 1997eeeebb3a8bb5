package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private final BrokerSettings settings =
            new BrokerSettings("127.0.0.1", 19092, 19093, Path.of("/data/kafka"), false);

    @Test
    void everyPropertyNameIsOneKafkaKnows() {
        // Kafka only warns about unknown names, so a typo would silently keep the default
        assertThat(KafkaConfig.configDef().names()).containsAll(settings.properties().keySet());
    }

    @Test
    void kafkaAcceptsTheSettingsAsACombinedSingleNodeCluster() {
        KafkaConfig config = settings.kafkaConfig();

        assertThat(config.nodeId()).isEqualTo(BrokerSettings.NODE_ID);
        assertThat(config.quorumConfig().voters()).containsExactly("1@127.0.0.1:19093");
        assertThat(config.metadataLogDir()).isEqualTo("/data/kafka");
        assertThat(config.autoCreateTopicsEnable()).isFalse();
    }

    @Test
    void clientsBootstrapFromTheBrokerListener() {
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }
}
