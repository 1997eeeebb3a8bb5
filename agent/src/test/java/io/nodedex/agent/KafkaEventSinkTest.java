package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.Source;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.event.kafka.ClientProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The Kafka sink without a broker; with one, see the agent's Kafka tests. */
class KafkaEventSinkTest {

    @Test
    void theProducerIsIdempotentWaitsForAllReplicasAndTakesExtraPropertiesLast() {
        KafkaSettings settings = KafkaSettings.DEFAULT.withDeliveryTimeout(Duration.ofSeconds(10))
                .withProperties(new ClientProperties(Map.of("security.protocol", "SSL",
                        ProducerConfig.LINGER_MS_CONFIG, "3")));

        Map<String, Object> config = KafkaEventSink.producerConfig(settings, "hv042");

        assertThat(config).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "nodedex-agent-hv042")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry("security.protocol", "SSL")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "3");
    }

    @Test
    void anUnreachableClusterIsARetriableFailureAfterTheDeliveryTimeout() {
        KafkaSettings unreachable = KafkaSettings.DEFAULT.withBootstrapServers("127.0.0.1:1")
                .withDeliveryTimeout(Duration.ofSeconds(1));
        try (KafkaEventSink sink = KafkaEventSink.create(unreachable, "hv042", SigningKey.generate())) {
            Event heartbeat = new Event(new EventHeader("hv042", 1, 0, Source.LIBVIRT, Instant.now()), new Heartbeat());

            assertThatThrownBy(() -> sink.send(heartbeat))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retriable()).isTrue())
                    .hasMessageContaining("nodedex.events");
        }
    }
}
