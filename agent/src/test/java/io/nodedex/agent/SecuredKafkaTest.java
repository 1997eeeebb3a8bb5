package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.TopicSetup;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.kafka.embedded.KafkaSecurity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents and a replica against a broker whose clients must come over TLS and log in with
 * SCRAM-SHA-512 (SASL_SSL), each given its Kafka client properties in a client config file read as
 * {@code --kafka-config} reads it ({@link ClientProperties#load}); a client whose login the broker
 * does not know is refused with an authentication failure.
 */
class SecuredKafkaTest {

    private static final Map<String, String> USERS = Map.of("agent", "agent-s3cret", "indexer", "indexer-s3cret");

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().security(KafkaSecurity.saslSsl(USERS)).start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void agentsAndAReplicaLoggedInThroughTheirConfigFilesIndexEveryAcknowledgedEvent() throws Exception {
        ClientProperties agent = ClientProperties.load(configFile("agent.properties", "agent", "agent-s3cret"));
        ClientProperties indexer = ClientProperties.load(configFile("indexer.properties", "indexer", "indexer-s3cret"));
        EventTopics topics = EventTopics.named("secured");
        try (Admin admin = admin(indexer)) {
            new TopicSetup(admin).ensure(topics);
        }

        ReplicaThread replica = ReplicaThread.start(IndexerConfig.of(kafka.bootstrapServers(), dir.resolve("replica"))
                .withTopics(topics).withKafkaProperties(indexer).withPollTimeout(Duration.ofMillis(100)));
        List<List<Event>> acknowledged;
        try (replica; PublishingFleet fleet = new PublishingFleet(4, 10, 11, KafkaSettings.DEFAULT
                .withBootstrapServers(kafka.bootstrapServers()).withTopic(topics.events().name())
                .withProperties(agent), dir.resolve("agents"))) {
            fleet.feed(Duration.ofMillis(5));
            Poll.until(() -> fleet.stats().queued() == 0, "every agent sent what it was given");
            fleet.close();
            acknowledged = fleet.acknowledged();

            replica.awaitApplied(TopicEnds.of(kafka.bootstrapServers(), topics.events().name(), indexer.admin()));
            assertThat(replica.reader().counters().eventsApplied())
                    .isEqualTo(acknowledged.stream().mapToLong(List::size).sum());
        }
        assertThat(replica.digest()).isEqualTo(OrderedPass.digest(acknowledged, dir.resolve("ordered-pass")));
    }

    @Test
    void anAgentWithAWrongPasswordIsRefusedByTheBroker() throws IOException {
        ClientProperties wrong = ClientProperties.load(configFile("agent.properties", "agent", "guess"));
        KafkaSettings settings = KafkaSettings.DEFAULT.withBootstrapServers(kafka.bootstrapServers())
                .withTopic("secured").withProperties(wrong).withDeliveryTimeout(Duration.ofSeconds(10));

        try (KafkaEventSink sink = KafkaEventSink.create(settings, "hv01", SigningKey.generate())) {
            Event heartbeat = new Event(new EventHeader("hv01", 1, 0, Source.LIBVIRT, Instant.now()), new Heartbeat());

            assertThatThrownBy(() -> sink.send(heartbeat)).isInstanceOf(DeliveryException.class)
                    .satisfies(e -> assertThat(((DeliveryException) e).retriable()).isFalse())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
    }

    @Test
    void aReplicaLoggingInAsAnUnknownUserIsRefusedByTheBrokerAndStops() throws IOException {
        ClientProperties intruder = ClientProperties.load(configFile("intruder.properties", "intruder", "guess"));

        try (Indexer indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), dir.resolve("intruder"))
                .withTopics(EventTopics.named("secured")).withKafkaProperties(intruder))) {
            assertThatThrownBy(indexer::run).isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
    }

    /** A client config file as an operator writes one for this broker, logging in as {@code user}. */
    private Path configFile(String name, String user, String password) throws IOException {
        Properties properties = new Properties();
        properties.putAll(kafka.clientProperties(user, password));
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "Kafka client config of " + user);
        }
        return file;
    }

    private static Admin admin(ClientProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.admin());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(config);
    }
}
