package io.nodedex.agent;

import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The publishing half of an {@link Agent}, for a host whose observations come from somewhere else
 * than this process's libvirt and sysfs: a simulator, a load generator, a benchmark. It is the
 * agent's own machinery, unchanged: the bounded queue, per-source sequences within an incarnation
 * kept in {@link AgentConfig#stateDirectory()}, heartbeats, retries, and an idempotent Kafka
 * producer with {@code acks=all} and key = host id. Only the device sources are left out, so a
 * caller that loses observations (see {@link PublisherStats#resnapshots()}) must re-send its
 * state itself.
 *
 * <pre>{@code
 * try (HostPublisher host = HostPublisher.start(AgentConfig.defaults("hv042"), Source.UDEV)) {
 *     host.publish(new HostSnapshot(devices));
 * }
 * }</pre>
 *
 * <p>Threading: {@link #publish} may be called from any thread and never blocks; one publisher
 * thread and the producer's I/O thread do the sending. {@link #close()} delivers what is queued
 * for a few seconds at most.
 */
public final class HostPublisher implements AutoCloseable {

    private final Source source;
    private final Publisher publisher;

    private HostPublisher(Source source, Publisher publisher) {
        this.source = source;
        this.publisher = publisher;
    }

    /**
     * Starts publishing for {@code config.hostId()} to {@code config.kafka()}, as source
     * {@code source}. The device-source settings of {@code config} are ignored.
     */
    public static HostPublisher start(AgentConfig config, Source source) {
        return start(config, source, UnaryOperator.identity());
    }

    /**
     * As {@link #start(AgentConfig, Source)}, with the Kafka sink seen through {@code view}: for
     * tests that record what the broker acknowledged.
     */
    static HostPublisher start(AgentConfig config, Source source, UnaryOperator<EventSink> view) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
        Clock clock = Clock.systemUTC();
        long incarnation = Incarnation.next(config.stateDirectory(), clock);
        Publisher publisher = new Publisher(new Publisher.Settings(config.hostId(), incarnation,
                config.queueCapacity(), config.heartbeatInterval(), source, config.publishRetry()),
                () -> { }, clock);
        publisher.start(view.apply(KafkaEventSink.create(config.kafka(), config.hostId(),
                HostKey.in(config.stateDirectory()))));
        return new HostPublisher(source, publisher);
    }

    /** Queues one observation of this host (a snapshot, an upsert, a removal). */
    public void publish(Payload payload) {
        publisher.publish(source, payload);
    }

    /** What has been done so far. */
    public PublisherStats stats() {
        return publisher.stats();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
