package io.nodedex.agent;

import io.nodedex.event.Event;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the sources observe: takes observations from a bounded queue, numbers them on
 * its one thread ({@value #THREAD_NAME}) at send time (per source, without gaps), sends them to
 * an {@link EventSink}, and sends a {@link Heartbeat} when nothing was sent for a while.
 *
 * <p><b>Outages.</b> A send that fails retriably (the destination is unreachable) is retried,
 * the same event with the same number, until it succeeds: duplicates are harmless
 * (docs/design.md, "Idempotent apply") and gaps never appear. Meanwhile the sources keep
 * queueing; when the queue is full, observations are dropped. After a failed send or a dropped
 * observation, the next successful send triggers {@code resnapshot} (ask every source for a fresh
 * snapshot), so the published state heals even though observations were lost. Each outage and
 * overflow is logged once.
 *
 * <p><b>Threads.</b> {@link #publish} may be called from any thread and never blocks;
 * {@code resnapshot} runs on the publisher thread and must not block either.
 */
final class Publisher implements Outlet, AutoCloseable {

    static final String THREAD_NAME = "nodedex-publisher";

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** How long {@link #close()} lets the thread deliver what is queued. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How the publisher runs.
     *
     * @param hostId the host id every event carries (and Kafka's record key)
     * @param incarnation this agent run's incarnation ({@link Incarnation#next})
     * @param queueCapacity observations queued at most while the sink is slow or unreachable
     * @param heartbeatInterval a heartbeat is sent when nothing else was for this long
     * @param heartbeatSource the source whose sequence heartbeats join
     * @param retry the pause between retries of a failed send
     */
    public record Settings(String hostId, long incarnation, int queueCapacity, Duration heartbeatInterval,
            Source heartbeatSource, Backoff retry) {

        public Settings {
            Objects.requireNonNull(hostId, "hostId");
            Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            Objects.requireNonNull(heartbeatSource, "heartbeatSource");
            Objects.requireNonNull(retry, "retry");
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, got " + queueCapacity);
            }
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive, got " + heartbeatInterval);
            }
        }
    }

    private final Settings settings;
    private volatile EventSink sink; // set by start()
    private final Runnable resnapshot;
    private final Clock clock;
    private final PublishQueue queue;
    private final Sequencer sequencer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean resnapshotNeeded = new AtomicBoolean();
    private final FailureEpisode overflow;
    private final FailureEpisode sinkDown;
    private volatile boolean closing;
    private volatile boolean aborted;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong resnapshots = new AtomicLong();

    /**
     * A publisher that queues what it is given until {@link #start(EventSink)}.
     *
     * @param resnapshot asks every source for a fresh snapshot; must not block
     */
    public Publisher(Settings settings, Runnable resnapshot, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resnapshot = Objects.requireNonNull(resnapshot, "resnapshot");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new PublishQueue(settings.queueCapacity());
        this.sequencer = new Sequencer(settings.hostId(), settings.incarnation());
        this.overflow = new FailureEpisode(LOG, "Queueing observations for publishing");
        this.sinkDown = new FailureEpisode(LOG, "Publishing events");
        this.thread = new Thread(this::run, THREAD_NAME);
    }

    /**
     * Starts the publisher thread, sending what was queued so far and everything after to
     * {@code sink}, which the publisher owns from now on and closes in {@link #close()}.
     */
    public void start(EventSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the publisher was already started");
        }
        this.sink = sink;
        thread.start();
    }

    @Override
    public void publish(Source source, Payload payload) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        if (closing) {
            return;
        }
        if (!queue.offer(new PublishQueue.Entry(source, payload, clock.instant()))) {
            dropped.incrementAndGet();
            resnapshotNeeded.set(true);
            overflow.failed("the queue holds " + settings.queueCapacity() + " observations",
                    "dropping observations; every source publishes a fresh snapshot once events flow again");
        }
    }

    /** Counters, for tests and diagnostics. */
    public PublisherStats stats() {
        return new PublisherStats(delivered.get(), dropped.get(), rejected.get(), failedSends.get(), queue.size(),
                resnapshots.get());
    }

    /**
     * Stops taking observations, delivers what is queued (for at most a few seconds, less if the
     * sink is unreachable), then closes the sink, if it was started. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        if (started.get()) {
            queue.wake();
            try {
                if (!stopped.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Closing with {} observation(s) not published: the sink did not accept them within {} s",
                            queue.size(), DRAIN_TIMEOUT.toSeconds());
                    aborted = true;
                    thread.interrupt();
                    stopped.await();
                }
            } catch (InterruptedException e) {
                aborted = true;
                thread.interrupt();
                Thread.currentThread().interrupt();
            }
            sink.close();
        }
    }

    private void run() {
        try {
            sink.prepare();
            long heartbeatDue = System.nanoTime() + settings.heartbeatInterval().toNanos();
            while (!aborted) {
                Optional<PublishQueue.Entry> next = queue.take(closing ? System.nanoTime() : heartbeatDue);
                Event event;
                if (next.isPresent()) {
                    PublishQueue.Entry entry = next.get();
                    event = sequencer.stamp(entry.source(), entry.payload(), entry.observedAt());
                } else if (closing) {
                    break;
                } else if (System.nanoTime() - heartbeatDue >= 0) {
                    event = sequencer.stamp(settings.heartbeatSource(), new Heartbeat(), clock.instant());
                } else {
                    continue; // woken early
                }
                if (deliver(event)) {
                    heartbeatDue = System.nanoTime() + settings.heartbeatInterval().toNanos();
                    if (resnapshotNeeded.getAndSet(false)) {
                        overflow.recovered();
                        resnapshots.incrementAndGet();
                        LOG.info("Publishing again after losing observations: asking every source for a fresh snapshot");
                        resnapshot.run();
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() gave up waiting
        } catch (RuntimeException | Error e) {
            LOG.error("The publisher thread failed; no more events will be published", e);
        } finally {
            stopped.countDown();
        }
    }

    /** Sends {@code event}, retrying while the sink is unreachable; whether it was delivered. */
    private boolean deliver(Event event) throws InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                sink.send(event);
                delivered.incrementAndGet();
                sinkDown.recovered();
                return true;
            } catch (DeliveryException e) {
                if (!e.retriable()) {
                    reject(event, e);
                    return false;
                }
                failedSends.incrementAndGet();
                resnapshotNeeded.set(true);
                sinkDown.failed(e, "retrying the same event until it is accepted; the sources queue up to "
                        + settings.queueCapacity() + " observations meanwhile");
                if (aborted) {
                    return false;
                }
                Thread.sleep(settings.retry().delay(Math.min(++attempt, 30)).toMillis());
            } catch (RuntimeException e) {
                reject(event, e); // a bug or an event the sink cannot represent: never stop the line for it
                return false;
            }
        }
    }

    private void reject(Event event, RuntimeException e) {
        rejected.incrementAndGet();
        LOG.error("Dropping {} event {} of source {}: the sink rejected it for good: {}",
                event.payload().getClass().getSimpleName(), event.header().sequence(), event.header().source(), e);
        if (!(event.payload() instanceof HostSnapshot)) {
            resnapshotNeeded.set(true); // a fresh snapshot carries what this event said
        }
    }
}
