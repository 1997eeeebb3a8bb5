package io.nodedex.agent;

import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.ChurningFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated hosts publishing through the agent's own machinery ({@link HostPublisher}: numbering,
 * retries, heartbeats, the idempotent {@code acks=all} producer), one publisher per host and source,
 * fed the payloads of a {@link ChurningFleet} step by step while the test does something to the
 * cluster. Records what the broker acknowledged to each publisher ({@link AcknowledgedEvents}).
 *
 * <p>Threading: {@link #feed} runs on a thread of its own; {@link #step()} and {@link #stats()}
 * may be read from any thread; {@link #close()} after the feeding ended.
 */
final class PublishingFleet implements AutoCloseable {

    /** Fast retries and frequent heartbeats, so both cross every outage of the tests. */
    private static final Backoff RETRY = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, false);
    private static final Duration HEARTBEAT = Duration.ofMillis(300);

    private final List<List<Event>> payloads;
    private final List<HostPublisher> publishers = new ArrayList<>();
    private final List<AcknowledgedEvents> acknowledged = new ArrayList<>();
    private final AtomicInteger step = new AtomicInteger();

    /**
     * Starts a publisher for each (host, source) stream of {@code ChurningFleet.streams(hosts, churn,
     * seed)}, its state in {@code directory}, sending to {@code kafka}.
     */
    PublishingFleet(int hosts, int churn, long seed, KafkaSettings kafka, Path directory) {
        this.payloads = ChurningFleet.streams(hosts, churn, seed);
        for (List<Event> stream : payloads) {
            String host = stream.get(0).header().hostId();
            Source source = stream.get(0).header().source();
            AgentConfig config = AgentConfig.defaults(host).withKafka(kafka).withPublishRetry(RETRY)
                    .withHeartbeatInterval(HEARTBEAT).withStateDirectory(directory.resolve(host + "-" + source));
            AcknowledgedEvents events = new AcknowledgedEvents();
            acknowledged.add(events);
            publishers.add(HostPublisher.start(config, source, events.view()));
        }
    }

    /**
     * Publishes each stream's next payload every {@code interval}, until every payload is queued.
     *
     * @throws InterruptedException when interrupted
     */
    void feed(Duration interval) throws InterruptedException {
        int longest = payloads.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (int s = 0; s < payloads.size(); s++) {
                if (i < payloads.get(s).size()) {
                    publishers.get(s).publish(payloads.get(s).get(i).payload());
                }
            }
            step.set(i + 1);
            Thread.sleep(interval.toMillis());
        }
    }

    /** How many steps {@link #feed} has published. */
    int step() {
        return step.get();
    }

    /** How many payloads each stream has, at most. */
    int steps() {
        return payloads.stream().mapToInt(List::size).max().orElse(0);
    }

    /** What every publisher has done, summed. */
    PublisherStats stats() {
        return publishers.stream().map(HostPublisher::stats).reduce(PublisherStats.NONE, PublisherStats::plus);
    }

    /** The host ids, in stream order (each host twice: its libvirt and its sysfs stream). */
    List<String> hosts() {
        return payloads.stream().map(stream -> stream.get(0).header().hostId()).toList();
    }

    /** Per publisher, what the broker acknowledged, in order. */
    List<List<Event>> acknowledged() {
        return acknowledged.stream().map(AcknowledgedEvents::events).toList();
    }

    /** Delivers what is queued and stops every publisher. */
    @Override
    public void close() {
        publishers.forEach(HostPublisher::close);
    }
}
