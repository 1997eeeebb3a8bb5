package io.nodedex.api;

import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.indexer.VhbaRequestState;
import io.nodedex.indexer.VhbaRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the replica's decisions to the hosts (docs/design.md, "Decisions are events"): every
 * quarter second it reads the open requests this replica folded and, for each one pending,
 * publishes its command to the host's agent (once per server run; several servers may publish
 * the same command, and the agent carries it out once), and once the request is older than the
 * timeout, an expiry, which the fold applies only if the request is still pending then.
 *
 * <p>Threading: one thread of its own, {@code nodedex-api-vhba}; {@link #close()} from any thread.
 */
final class VhbaCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VhbaCoordinator.class);
    private static final long PERIOD_MILLIS = 250;

    private final VhbaRequests requests;
    private final VhbaPublisher publisher;
    private final Duration timeout;
    private final Clock clock;
    private final Set<String> commanded = new HashSet<>();
    private final Set<String> expired = new HashSet<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "nodedex-api-vhba");
        t.setDaemon(true);
        return t;
    });

    VhbaCoordinator(VhbaRequests requests, VhbaPublisher publisher, Duration timeout, Clock clock) {
        this.requests = requests;
        this.publisher = publisher;
        this.timeout = timeout;
        this.clock = clock;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::round, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One pass over the open requests. */
    void round() {
        try {
            Instant now = clock.instant();
            for (VhbaRequestState request : requests.open()) {
                if (!request.state().pending()) {
                    continue;
                }
                String id = request.hostId() + "\0" + request.requestId();
                Instant deadline = request.requestedAt().plus(timeout);
                if (now.isAfter(deadline)) {
                    if (expired.add(id)) {
                        LOG.warn("host {} did not answer request {} within {} s: publishing its expiry",
                                request.hostId(), request.requestId(), timeout.toSeconds());
                        publish(id, expired, () -> publisher.event(request.hostId(),
                                new VhbaRequestExpired(request.requestId(), timeout)));
                    }
                } else if (commanded.add(id)) {
                    publish(id, commanded, () -> publisher.command(request.hostId(), command(request, deadline)));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("cannot read or publish vHBA requests; trying again", e);
        }
    }

    private static void publish(String id, Set<String> done, Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            done.remove(id);
            throw e;
        }
    }

    private static VhbaCommand command(VhbaRequestState request, Instant deadline) {
        if (request.kind() == VhbaRequestState.Kind.CREATE) {
            return new VhbaCommand(request.requestId(), VhbaCommand.Action.CREATE, request.parent().orElseThrow(),
                    request.wwnn(), request.wwpn(), deadline);
        }
        return new VhbaCommand(request.requestId(), VhbaCommand.Action.DESTROY, request.name().orElseThrow(),
                Optional.empty(), Optional.empty(), deadline);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
