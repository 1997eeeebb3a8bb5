package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.TopicSetup;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.indexer.IndexerCounters;
import io.nodedex.kafka.embedded.EmbeddedKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents and a replica on a real cluster of three brokers, the topics as {@code nodedex topics}
 * creates them there (three copies, {@code min.insync.replicas=2}), the agents' producers idempotent
 * with {@code acks=all}: brokers lost while the agents publish lose nothing and make the replica
 * apply nothing twice. The replica must end in the state of one ordered pass over exactly what the
 * cluster acknowledged to the agents ({@link OrderedPass}), having applied each of those events once
 * (a send that timed out may still have been written: sent again, it is a duplicate the replica skips).
 */
class BrokerLossTest {

    private static final int HOSTS = 8;
    private static final int CHURN = 40;
    private static final Duration STEP = Duration.ofMillis(100);
    /** The agent's default, 30 s: a send waits out a leader's change. */
    private static final Duration DEFAULT_DELIVERY_TIMEOUT = KafkaSettings.DEFAULT.deliveryTimeout();
    /** Shorter than the whole cluster's outage: sends fail, and the publisher sends the same events again. */
    private static final Duration SHORT_DELIVERY_TIMEOUT = Duration.ofSeconds(2);

    private static EmbeddedKafkaCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void thePartitionLeaderStoppedDuringIngestionAndRestartedLaterLosesNothingAndDoublesNothing() throws Exception {
        EventTopics topics = createTopics("leader-loss");
        int[] stopped = new int[1];

        Outcome outcome = ingestWhile(topics, DEFAULT_DELIVERY_TIMEOUT, 11, fleet -> {
            int partition = EventKey.partition(fleet.hosts().get(0), topics.events().partitions());
            stopped[0] = cluster.leaderOf(topics.events().name(), partition).orElseThrow();
            cluster.stop(stopped[0]);
            Poll.until(() -> cluster.leaderOf(topics.events().name(), partition).orElse(stopped[0]) != stopped[0],
                    "another broker leads partition " + partition);
        }, 26, fleet -> cluster.restart(stopped[0]));

        assertThat(outcome.digest())
                .isEqualTo(OrderedPass.digest(outcome.acknowledged(), dir.resolve("ordered-pass")));
    }

    @Test
    void theWholeClusterStoppedDuringIngestionAndStartedAgainLosesNothingAndDoublesNothing() throws Exception {
        EventTopics topics = createTopics("whole-cluster");

        Outcome outcome = ingestWhile(topics, SHORT_DELIVERY_TIMEOUT, 11, fleet -> cluster.stop(1, 2, 3), 21,
                fleet -> cluster.restart(1, 2, 3));

        assertThat(outcome.stats().failedSends()).as("sends that timed out during the outage, sent again").isPositive();
        assertThat(outcome.digest())
                .isEqualTo(OrderedPass.digest(outcome.acknowledged(), dir.resolve("ordered-pass")));
    }

    /**
     * How an ingestion ended.
     *
     * @param digest the replica's final state digest
     * @param acknowledged per agent stream, what the cluster acknowledged, in order
     * @param stats what the agents did
     */
    private record Outcome(String digest, List<List<Event>> acknowledged, PublisherStats stats) {
    }

    /** Something done to the cluster while the agents publish. */
    @FunctionalInterface
    private interface Disruption {
        void apply(PublishingFleet fleet) throws Exception;
    }

    /**
     * Runs a replica and the agents of a churning fleet; once the agents have published
     * {@code firstStep} steps, {@code first}; at {@code secondStep}, {@code second}; the agents go on
     * publishing throughout. Then checks that every agent's events were acknowledged, none refused,
     * and that the replica applied each acknowledged event once and nothing else.
     *
     * @return the replica's final digest and what the cluster acknowledged
     */
    private Outcome ingestWhile(EventTopics topics, Duration deliveryTimeout, int firstStep, Disruption first,
                                int secondStep, Disruption second) throws Exception {
        KafkaSettings kafka = KafkaSettings.DEFAULT.withBootstrapServers(cluster.bootstrapServers())
                .withTopic(topics.events().name()).withDeliveryTimeout(deliveryTimeout);
        ReplicaThread replica = ReplicaThread.start(IndexerConfig.of(cluster.bootstrapServers(), dir.resolve("replica"))
                .withTopics(topics).withPollTimeout(Duration.ofMillis(100)));
        List<List<Event>> acknowledged;
        PublisherStats stats;
        try (replica; PublishingFleet fleet = new PublishingFleet(HOSTS, CHURN, 7, kafka, dir.resolve("agents"))) {
            Thread feeder = new Thread(() -> {
                try {
                    fleet.feed(STEP);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "fleet-feeder");
            feeder.start();
            Poll.until(() -> fleet.step() >= firstStep, "the agents published " + firstStep + " steps");
            first.apply(fleet);
            Poll.until(() -> fleet.step() >= secondStep, "the agents published " + secondStep + " steps");
            second.apply(fleet);
            feeder.join();
            Poll.until(() -> fleet.stats().queued() == 0, "every agent sent what it was given");
            fleet.close();

            stats = fleet.stats();
            assertThat(stats.dropped()).as("observations dropped").isZero();
            assertThat(stats.rejected()).as("events refused for good").isZero();
            acknowledged = fleet.acknowledged();
            long sent = acknowledged.stream().mapToLong(List::size).sum();
            assertThat(sent).as("every payload and some heartbeats").isGreaterThanOrEqualTo(HOSTS * 2L * (CHURN + 1));

            replica.awaitApplied(TopicEnds.of(cluster.bootstrapServers(), topics.events().name(), Map.of()));
            IndexerCounters counters = replica.reader().counters();
            assertThat(counters.eventsApplied()).as("each acknowledged event applied once").isEqualTo(sent);
            assertThat(counters.sequenceGaps()).as("no event missing between two applied ones").isZero();
            assertThat(counters.deadLetters()).isZero();
            assertThat(replica.running()).as("the replica kept going").isTrue();
        }
        return new Outcome(replica.digest(), acknowledged, stats);
    }

    /** The topics as {@code nodedex topics} creates them on this cluster. */
    private static EventTopics createTopics(String name) {
        EventTopics topics = EventTopics.named(name);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            assertThat(new TopicSetup(admin).ensure(topics)).as("warnings").isEmpty();
        }
        return topics;
    }
}
