package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle and locking of one {@code virConnectPtr}: calls run under the read lock, in
 * parallel (libvirt connections are thread-safe); closing takes the write lock, so it waits for
 * running calls and no call starts on a freed handle. The other parts of a
 * {@link LibvirtConnection} do their native calls through {@link #call} and {@link #onDevice}.
 *
 * <p>Threading: every method may be called from any thread; none may be called from a libvirt
 * callback (a callback may run inside a call that holds the read lock).
 */
final class ConnectionHandle {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandle.class);

    private final String uri;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Pointer handle; // guarded by lock; null once closed

    ConnectionHandle(String uri, Pointer handle) {
        this.uri = uri;
        this.handle = handle;
    }

    String uri() {
        return uri;
    }

    /**
     * Runs {@code action} on the open handle.
     *
     * @throws IllegalStateException once the connection is closed
     */
    <T> T call(Function<Pointer, T> action) {
        Lock read = lock.readLock();
        read.lock();
        try {
            if (handle == null) {
                throw new IllegalStateException("The libvirt connection to " + uri + " is closed");
            }
            return action.apply(handle);
        } finally {
            read.unlock();
        }
    }

    /** Runs {@code action} on the open handle; empty, without running it, once closed. */
    <T> Optional<T> ifOpen(Function<Pointer, T> action) {
        Lock read = lock.readLock();
        read.lock();
        try {
            return handle == null ? Optional.empty() : Optional.of(action.apply(handle));
        } finally {
            read.unlock();
        }
    }

    /**
     * Runs {@code action} on node device {@code name}, looked up by name and freed afterwards.
     *
     * @throws LibvirtException with {@link LibvirtErrorCode#NO_NODE_DEVICE} when there is none
     */
    <T> T onDevice(String name, Function<Pointer, T> action) {
        return call(conn -> {
            Pointer device = LibvirtNative.LIB.virNodeDeviceLookupByName(conn, name);
            if (device == null) {
                throw LibvirtErrors.lastError("Look up node device '" + name + "' on " + uri);
            }
            try {
                return action.apply(device);
            } finally {
                LibvirtNative.LIB.virNodeDeviceFree(device);
            }
        });
    }

    /**
     * Waits for running calls, runs {@code release} on the handle (deregistrations), then closes
     * it. Idempotent: returns {@code false} when it was closed already.
     */
    boolean close(Consumer<Pointer> release) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (handle == null) {
                return false;
            }
            try {
                release.accept(handle);
            } finally {
                if (LibvirtNative.LIB.virConnectClose(handle) < 0) {
                    LOG.warn("Closing {} failed", uri, LibvirtErrors.lastError("Close " + uri));
                }
                handle = null;
            }
            return true;
        } finally {
            write.unlock();
        }
    }
}
