package io.nodedex.api;

import io.nodedex.agent.AgentConfig;
import io.nodedex.agent.HostPublisher;
import io.nodedex.agent.KafkaSettings;
import io.nodedex.agent.PublisherStats;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The publishing half of {@code hosts} agents in one process: per host the agent's real
 * {@link HostPublisher} (its queue, sequencer, retries, heartbeats, idempotent producer with
 * {@code acks=all} and key = host id; settings as {@link AgentConfig#defaults} has them). Only the
 * device sources are left out: the harness is the source.
 *
 * <p>Threading: {@link #publish} may be called from any thread and never blocks (as
 * {@link HostPublisher#publish}).
 */
final class FleetAgents implements AutoCloseable {

    private final List<HostPublisher> publishers = new ArrayList<>();

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
                agents.publishers.add(HostPublisher.start(config.withStateDirectory(state.resolve(hostId)), Source.UDEV));
            }
        } catch (RuntimeException | Error e) {
            agents.close();
            throw e;
        }
        return agents;
    }

    /** Hands host {@code host}'s observation to its publisher, as a UDEV source would. */
    void publish(int host, Payload payload) {
        publishers.get(host).publish(payload);
    }

    /** The publishers' counters, summed. */
    PublisherStats totals() {
        return publishers.stream().map(HostPublisher::stats).reduce(PublisherStats.NONE, PublisherStats::plus);
    }

    /** Closes every publisher (each delivers what it holds for a few seconds at most), in parallel. */
    @Override
    public void close() {
        publishers.parallelStream().forEach(HostPublisher::close);
    }
}
