package io.nodedex.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, run on one dedicated daemon thread per process
 * ({@value #THREAD_NAME}).
 *
 * <p>libvirt needs an event loop for events, keepalive and noticing that a remote connection
 * closed; every callback nodedex registers runs on this thread, so callbacks must only hand work
 * off (enqueue) and never block or call back into libvirt. {@link LibvirtConnection#open} starts
 * the loop; call {@link #ensureStarted()} yourself only to start it early.
 *
 * <p>{@code virEventRegisterDefaultImpl} is called once per process, before the first connection
 * is opened. {@link #stop()} wakes the loop with a zero timeout ({@code virEventAddTimeout}) and
 * waits for the thread to end; a later {@link #ensureStarted()} runs it again. While the loop is
 * stopped, open connections get no events and remote connections cannot answer keepalives, so
 * stop it only after closing every connection (e.g. at shutdown).
 *
 * <p>All methods are thread-safe, but {@link #stop()} must not be called on the loop thread.
 */
final class LibvirtEventLoop {

    static final String THREAD_NAME = "libvirt-event-loop";

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEventLoop.class);

    /** Removes the wake-up timer that {@link #stop()} adds, once it has fired. */
    private static final LibvirtNative.TimeoutCallback REMOVE_WAKE_UP_TIMER =
            (timer, opaque) -> LibvirtNative.LIB.virEventRemoveTimeout(timer);

    private static final Object LOCK = new Object();
    private static boolean implRegistered; // guarded by LOCK
    private static Thread thread; // guarded by LOCK; null while stopped
    private static volatile boolean stopRequested;

    private LibvirtEventLoop() {
    }

    /** Registers libvirt's default event loop (once per process) and starts its thread if needed. */
    public static void ensureStarted() {
        synchronized (LOCK) {
            if (!implRegistered) {
                if (LibvirtNative.LIB.virEventRegisterDefaultImpl() < 0) {
                    throw LibvirtErrors.lastError("Register libvirt's default event loop");
                }
                implRegistered = true;
            }
            if (thread == null) {
                stopRequested = false;
                thread = new Thread(LibvirtEventLoop::run, THREAD_NAME);
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /** Whether the loop thread is running. */
    public static boolean isRunning() {
        synchronized (LOCK) {
            return thread != null;
        }
    }

    /**
     * Stops the loop thread and waits for it to end; does nothing if it is not running.
     *
     * @throws IllegalStateException when called on the loop thread itself
     */
    public static void stop() {
        synchronized (LOCK) {
            if (thread == null) {
                return;
            }
            if (Thread.currentThread() == thread) {
                throw new IllegalStateException("The libvirt event loop cannot stop itself");
            }
            stopRequested = true;
            if (LibvirtNative.LIB.virEventAddTimeout(0, REMOVE_WAKE_UP_TIMER, null, null) < 0) {
                throw LibvirtErrors.lastError("Wake the libvirt event loop");
            }
            joinUninterruptibly(thread);
            thread = null;
        }
    }

    private static void run() {
        while (!stopRequested) {
            if (LibvirtNative.LIB.virEventRunDefaultImpl() < 0) {
                LOG.warn("libvirt event loop iteration failed",
                        LibvirtErrors.lastError("Run libvirt's event loop"));
            }
        }
    }

    private static void joinUninterruptibly(Thread toJoin) {
        boolean interrupted = false;
        while (true) {
            try {
                toJoin.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
