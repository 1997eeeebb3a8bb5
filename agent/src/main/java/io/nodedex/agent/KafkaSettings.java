package io.nodedex.agent;

import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.event.kafka.EventTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the agent publishes to Kafka.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param topic the event topic
 * @param deliveryTimeout how long one send may take before it counts as failed (and is retried)
 * @param properties the operator's client properties (security, tuning; {@link ClientProperties} refuses the
 *     keys the agent must set itself): the producer takes those it knows, applied last
 */
public record KafkaSettings(String bootstrapServers, String topic, Duration deliveryTimeout,
        ClientProperties properties) {

    /** Kafka on this host, the default events topic ({@value EventTopics#EVENTS_TOPIC}), 30 s per send. */
    public static final KafkaSettings DEFAULT =
            new KafkaSettings("localhost:9092", EventTopics.EVENTS_TOPIC, Duration.ofSeconds(30),
                    ClientProperties.NONE);

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(properties, "properties");
        if (bootstrapServers.isBlank() || topic.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers and topic must not be blank");
        }
        if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the delivery timeout must be at least 1 s, got " + deliveryTimeout);
        }
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, topic, deliveryTimeout, properties);
    }

    public KafkaSettings withTopic(String name) {
        return new KafkaSettings(bootstrapServers, name, deliveryTimeout, properties);
    }

    public KafkaSettings withDeliveryTimeout(Duration timeout) {
        return new KafkaSettings(bootstrapServers, topic, timeout, properties);
    }

    public KafkaSettings withProperties(ClientProperties clientProperties) {
        return new KafkaSettings(bootstrapServers, topic, deliveryTimeout, clientProperties);
    }
}
