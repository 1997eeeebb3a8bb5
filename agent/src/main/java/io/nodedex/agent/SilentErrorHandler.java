package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * libvirt's process-wide error function: it only counts. Without it libvirt prints every error to
 * file descriptor 2 ({@code virDefaultErrorFunc}); the error itself still reaches us through
 * {@link LibvirtErrors#lastError}, which every failed call reads.
 *
 * <p>Thread-safe. The callback object lives in a static field, so it stays reachable for the
 * life of the process as libvirt requires.
 */
final class SilentErrorHandler {

    private static final AtomicLong ERRORS_SEEN = new AtomicLong();

    private static final LibvirtNative.ErrorFunc HANDLER =
            (userData, error) -> ERRORS_SEEN.incrementAndGet();

    private SilentErrorHandler() {
    }

    /** Installs the handler into {@code lib} and returns {@code lib}. */
    static LibvirtNative install(LibvirtNative lib) {
        lib.virSetErrorFunc(Pointer.NULL, HANDLER);
        return lib;
    }

    /** How many errors libvirt has handed to this handler in this process. */
    static long errorsSeen() {
        return ERRORS_SEEN.get();
    }
}
