package io.nodedex.agent;

import io.nodedex.event.Source;

/**
 * Something that watches a host's devices and reports them to an {@link Outlet}: first a full
 * snapshot, then every change, and a fresh snapshot whenever it lost track (reconnect) or is asked
 * to ({@link #requestSnapshot()}).
 *
 * <p><b>Threads.</b> A source does its work on its own thread(s). Every method may be called from
 * any thread; {@link #requestSnapshot()} never blocks.
 */
interface DeviceSource extends AutoCloseable {

    /** Which source this is; it tags every event this source publishes. */
    Source source();

    /** Starts watching and returns at once; the first thing published is a snapshot. */
    void start(Outlet outlet);

    /**
     * Asks for a fresh snapshot soon, e.g. because the publisher had to drop events. Idempotent
     * until the snapshot is taken; never blocks.
     */
    void requestSnapshot();

    /** Stops watching and waits for this source's threads to end. Idempotent. */
    @Override
    void close();
}
