package io.nodedex.agent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The work {@link LibvirtSource}'s worker thread has to do, handed in by libvirt callbacks and
 * other threads: names of devices that changed (coalesced, so the inbox is bounded by the number
 * of devices), a snapshot request, a lost connection, closing.
 *
 * <p>Thread-safe. Methods that hand work in only take a short lock, never call libvirt, and are
 * safe in libvirt callbacks.
 */
final class SourceInbox {

    /** What the worker takes at once. */
    record Work(boolean closed, Optional<CloseReason> connectionLost, boolean snapshot, List<String> changedDevices) {
    }

    private final Set<String> changed = new LinkedHashSet<>(); // guarded by this
    private boolean snapshotRequested; // guarded by this
    private long lostGeneration = -1; // guarded by this; the connection generation libvirt closed
    private CloseReason lostBecause = CloseReason.UNKNOWN; // guarded by this
    private long generation; // guarded by this; the current connection's generation
    private boolean closed; // guarded by this

    synchronized void deviceChanged(String name) {
        changed.add(name);
        notifyAll();
    }

    synchronized void requestSnapshot() {
        snapshotRequested = true;
        notifyAll();
    }

    /** libvirt closed connection {@code connectionGeneration}; stale reports are ignored. */
    synchronized void connectionLost(long connectionGeneration, CloseReason reason) {
        lostGeneration = connectionGeneration;
        lostBecause = reason;
        notifyAll();
    }

    /**
     * Starts a new connection generation: earlier changes and losses are void, and a snapshot is
     * due (it covers whatever changed while disconnected).
     */
    synchronized long connected() {
        changed.clear();
        snapshotRequested = true;
        return ++generation;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Waits for work and takes all of it: a snapshot request takes the changed names along (the
     * snapshot covers them).
     */
    synchronized Work take() throws InterruptedException {
        while (!closed && lostGeneration != generation && !snapshotRequested && changed.isEmpty()) {
            wait();
        }
        Optional<CloseReason> lost = lostGeneration == generation ? Optional.of(lostBecause) : Optional.empty();
        Work work = new Work(closed, lost, snapshotRequested, List.copyOf(changed));
        snapshotRequested = false;
        changed.clear();
        return work;
    }

    /** Waits {@code millis} or until closed; whether the inbox is still open. */
    synchronized boolean pause(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left;
        while (!closed && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return !closed;
    }
}
