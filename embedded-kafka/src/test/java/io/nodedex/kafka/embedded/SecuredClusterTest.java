package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.kafka.embedded.TestClients.StoredRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/** A secured three-node cluster: every node's client listener is SASL_SSL, and a node can be lost. */
class SecuredClusterTest {

    @Test
    void clientsLogInOnEveryNodeAndKeepWritingWhileANodeIsDown() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder(3)
                .security(KafkaSecurity.saslSsl(Map.of("nodedex", "s3cret"))).start()) {
            Map<String, String> login = cluster.clientProperties("nodedex", "s3cret");
            cluster.createTopic("secured", 1, Map.of("min.insync.replicas", "2"));
            List<StoredRecord> before = TestClients.produce(cluster.bootstrapServers(), login, records(0, 20));

            cluster.stop(cluster.leaderOf("secured", 0).orElseThrow());
            List<StoredRecord> during = TestClients.produce(cluster.bootstrapServers(), login, records(20, 40));

            assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
            assertThat(TestClients.readAll(cluster.bootstrapServers(), login, "secured")).hasSize(40)
                    .containsAll(before).containsAll(during);
            assertThatThrownBy(() -> {
                try (Admin admin = TestClients.admin(cluster.bootstrapServers(),
                        cluster.clientProperties("nodedex", "guess"))) {
                    admin.listTopics().names().get();
                }
            }).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static List<ProducerRecord<String, String>> records(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new ProducerRecord<>("secured", 0, "k", "event-" + i)).toList();
    }
}
