package io.nodedex.api;

import io.nodedex.agent.AgentConfig;
import io.nodedex.agent.publish.Incarnation;
import io.nodedex.agent.publish.KafkaEventSink;
import io.nodedex.agent.publish.KafkaSettings;
import io.nodedex.agent.publish.Publisher;
import io.nodedex.agent.publish.PublisherStats;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The publishing half of {@code hosts} agents in one process: per host the agent's real
 * {@link Publisher} (its queue, sequencer, retries, heartbeats; settings as
 * {@link AgentConfig#defaults} has them) sending through its own real {@link KafkaEventSink}
 * (the event codec, an idempotent producer, {@code acks=all}, key = host id), with an incarnation
 * from {@link Incarnation#next}. Only the device sources are left out: the harness is the source.
 *
 * <p>Threading: {@link #publish} may be called from any thread and never blocks (as
 * {@link Publisher#publish}).
 */
final class FleetAgents implements AutoCloseable {

    private final List<Publisher> publishers = new ArrayList<>();

    private FleetAgents() {
    }

    /** Starts a publisher per host ({@link BenchFleet#hostId}), keeping incarnations under {@code state}. */
    static FleetAgents start(String bootstrapServers, String topic, int hosts, Path state) {
        FleetAgents agents = new FleetAgents();
        try {
            for (int host = 0; host < hosts; host++) {
                String hostId = BenchFleet.hostId(host);
                AgentConfig config = AgentConfig.defaults(hostId)
                        .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(bootstrapServers).withTopic(topic));
                long incarnation = Incarnation.next(state.resolve(hostId), Clock.systemUTC());
                Publisher publisher = new Publisher(new Publisher.Settings(hostId, incarnation,
                        config.queueCapacity(), config.heartbeatInterval(), Source.UDEV, config.publishRetry()),
                        FleetAgents::noSourceToResnapshot, Clock.systemUTC());
                agents.publishers.add(publisher);
                publisher.start(KafkaEventSink.create(config.kafka(), hostId));
            }
        } catch (RuntimeException | Error e) {
            agents.close();
            throw e;
        }
        return agents;
    }

    /**
     * The publisher asks for a fresh snapshot only after losing observations (a full queue, a
     * failed send); {@link PublisherStats#resnapshots()} counts those, and the harness reports them.
     */
    private static void noSourceToResnapshot() {
    }

    /** Hands host {@code host}'s observation to its publisher, as a UDEV source would. */
    void publish(int host, Payload payload) {
        publishers.get(host).publish(Source.UDEV, payload);
    }

    /** The publishers' counters, summed. */
    PublisherStats totals() {
        long delivered = 0;
        long dropped = 0;
        long rejected = 0;
        long failed = 0;
        int queued = 0;
        long resnapshots = 0;
        for (Publisher publisher : publishers) {
            PublisherStats stats = publisher.stats();
            delivered += stats.delivered();
            dropped += stats.dropped();
            rejected += stats.rejected();
            failed += stats.failedSends();
            queued += stats.queued();
            resnapshots += stats.resnapshots();
        }
        return new PublisherStats(delivered, dropped, rejected, failed, queued, resnapshots);
    }

    /** Closes every publisher (each delivers what it holds for a few seconds at most), in parallel. */
    @Override
    public void close() {
        publishers.parallelStream().forEach(Publisher::close);
    }
}
