package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java handlers behind the {@code void *opaque} tokens we hand to libvirt with a callback.
 *
 * <p>The native callbacks themselves are static and live forever, so libvirt can never call a
 * trampoline JNA has already released; each registration passes a fresh token (a number, never
 * dereferenced, never reused) and the callback looks the handler up here. Once a handler is
 * removed, a late call with its token finds nothing and does nothing.
 *
 * <p>Thread-safe.
 */
final class OpaqueRegistry<T> {

    private static final AtomicLong NEXT_TOKEN = new AtomicLong(1);

    private final Map<Long, T> handlers = new ConcurrentHashMap<>();

    /** Stores {@code handler} under a new token and returns the token as libvirt's opaque. */
    Pointer add(T handler) {
        long token = NEXT_TOKEN.getAndIncrement();
        handlers.put(token, handler);
        return new Pointer(token);
    }

    Optional<T> find(Pointer opaque) {
        return opaque == null
                ? Optional.empty()
                : Optional.ofNullable(handlers.get(Pointer.nativeValue(opaque)));
    }

    void remove(Pointer opaque) {
        handlers.remove(Pointer.nativeValue(opaque));
    }

    int size() {
        return handlers.size();
    }
}
