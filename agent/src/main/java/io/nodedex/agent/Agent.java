package io.nodedex.agent;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.Source;
import io.nodedex.event.signing.PublicSigningKey;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's agent: its device sources (libvirt, udev/sysfs) feeding one {@link Publisher} that
 * sends numbered events to Kafka (or prints them, in a dry run).
 *
 * <pre>{@code
 * try (Agent agent = Agent.start(AgentConfig.defaults("hv042"))) {
 *     // runs until closed
 * }
 * }</pre>
 *
 * <p>It keeps running whatever happens outside: libvirt restarting, Kafka unreachable (events
 * queue up to a bound; afterwards every source publishes a fresh snapshot), sysfs briefly
 * unreadable. Thread-safe; {@link #close()} may be called from a shutdown hook.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final String SINK_OPENER_THREAD_NAME = "nodedex-sink-opener";
    private static final String RESEND_THREAD_NAME = "nodedex-resend";

    private final long incarnation;
    private final List<DeviceSource> sources;
    private final Publisher publisher;
    private final ScheduledExecutorService resends;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Agent(long incarnation, List<DeviceSource> sources, Publisher publisher) {
        this.incarnation = incarnation;
        this.sources = sources;
        this.publisher = publisher;
        this.resends = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, RESEND_THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Every {@code interval}, asks every source for a fresh snapshot; the first time after a
     * random part of the interval, so that a fleet's re-sends spread out instead of arriving
     * together (docs/design.md, "The log grows with the fleet").
     */
    private void scheduleResends(Duration interval) {
        long period = interval.toMillis();
        long firstDelay = ThreadLocalRandom.current().nextLong(period) + 1;
        resends.scheduleAtFixedRate(() -> sources.forEach(DeviceSource::requestSnapshot), firstDelay, period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts an agent publishing to Kafka, or printing JSON lines on standard output with
     * {@link AgentConfig#dryRun()}.
     *
     * @throws InvalidInputException when the configuration names something unusable (a sysfs
     *     root that is not a directory, a corrupt state file), or libvirt's library is missing
     *     while the libvirt source is enabled
     */
    public static Agent start(AgentConfig config) {
        return start(config, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    }

    /** As {@link #start(AgentConfig)}, with a dry run printing to {@code dryRunOut}. */
    public static Agent start(AgentConfig config, PrintWriter dryRunOut) {
        Supplier<EventSink> sink = config.dryRun()
                ? () -> new JsonLinesEventSink(dryRunOut)
                : () -> KafkaEventSink.create(config.kafka(), config.hostId(), HostKey.in(config.stateDirectory()));
        return start(config, sink, Clock.systemUTC());
    }

    /**
     * Starts an agent that sends to the sink {@code sinks} opens (and which the agent closes on
     * {@link #close()}). The sink is opened on its own thread while the sources start and take
     * their first snapshots, which wait in the queue meanwhile.
     */
    static Agent start(AgentConfig config, Supplier<EventSink> sinks, Clock clock) {
        if (config.libvirt().isPresent()) {
            LibvirtLibrary.requireInstalled();
        }
        config.sysfs().ifPresent(sysfs -> {
            if (!Files.isDirectory(sysfs.root())) {
                throw new InvalidInputException("sysfs root " + sysfs.root() + " is not a directory");
            }
        });
        long incarnation = Incarnation.next(config.stateDirectory(), clock);
        List<DeviceSource> sources = new ArrayList<>();
        config.libvirt().ifPresent(settings -> sources.add(new LibvirtSource(settings)));
        config.sysfs().ifPresent(settings -> sources.add(new SysfsSource(settings)));
        Publisher publisher = new Publisher(
                new Publisher.Settings(config.hostId(), incarnation, config.queueCapacity(),
                        config.heartbeatInterval(), sources.get(0).source(), config.publishRetry()),
                () -> sources.forEach(DeviceSource::requestSnapshot), clock);
        Agent agent = new Agent(incarnation, List.copyOf(sources), publisher);
        CompletableFuture<EventSink> opening = CompletableFuture.supplyAsync(sinks,
                task -> new Thread(task, SINK_OPENER_THREAD_NAME).start());
        try {
            for (DeviceSource source : sources) {
                source.start(publisher);
            }
            publisher.start(opened(opening));
            agent.scheduleResends(config.resendInterval());
        } catch (RuntimeException | Error e) {
            agent.close();
            opening.thenAccept(EventSink::close);
            throw e;
        }
        LOG.info("Agent for host {} started: incarnation {}, sources {}", config.hostId(), incarnation,
                sources.stream().map(DeviceSource::source).map(Source::name).toList());
        return agent;
    }

    private static EventSink opened(CompletableFuture<EventSink> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The public key of the host whose agent keeps its state in {@code stateDirectory}: the key
     * an administrator enrols ({@code nodedex host enroll}). The key pair is created there if
     * missing, as the agent creates it on its first start.
     *
     * @throws InvalidInputException when the key cannot be read or created there
     */
    public static PublicSigningKey publicKey(Path stateDirectory) {
        return HostKey.in(stateDirectory).publicKey();
    }

    /** This run's incarnation. */
    public long incarnation() {
        return incarnation;
    }

    /** What the publisher has done so far. */
    public PublisherStats stats() {
        return publisher.stats();
    }

    /**
     * Stops the sources (closing the libvirt connection), delivers what is queued for a few
     * seconds at most, then flushes and closes the sink. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        resends.shutdownNow();
        for (DeviceSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the {} source failed", source.source(), e);
            }
        }
        publisher.close();
        LOG.info("Agent stopped: {}", publisher.stats());
    }
}
