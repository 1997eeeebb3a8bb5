package io.nodedex.agent;

/**
 * A registered callback. {@link #close()} deregisters it; calling it again, or after the
 * connection was closed, does nothing. Thread-safe, but never call it from inside a libvirt
 * callback.
 */
interface Subscription extends AutoCloseable {

    /** Deregisters the callback; idempotent. */
    @Override
    void close();
}
