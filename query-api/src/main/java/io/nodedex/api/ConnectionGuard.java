package io.nodedex.api;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps the connections a listener holds open (docs/design.md, "Hostile clients"): a connection
 * accepted over the cap is closed at once, before a byte of it is read, and counted
 * ({@code nodedex_api_connections_refused_total}); one that is admitted counts until it closes.
 * The cap keeps the process below its file-descriptor limit, so that the accept loop, the
 * database and the Kafka clients never run out of descriptors.
 *
 * <p>Thread-safe: every event loop admits and releases connections concurrently.
 */
final class ConnectionGuard {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    ConnectionGuard(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, got " + max);
        }
        this.max = max;
    }

    /**
     * Admits {@code channel}, just accepted, when fewer than the cap are open (it is counted
     * until it closes), or closes it.
     *
     * @return whether it was admitted
     */
    boolean admit(Channel channel) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.increment();
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        return true;
    }

    /** The connections open now. */
    int open() {
        return open.get();
    }

    /** The connections closed at once because the cap was reached. */
    long refused() {
        return refused.sum();
    }
}
