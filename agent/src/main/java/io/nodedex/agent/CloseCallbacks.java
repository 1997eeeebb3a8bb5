package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's close callback ({@code virConnectRegisterCloseCallback}): registered once when
 * the connection opens, fanned out to the {@link LibvirtConnection#onClose} listeners, and
 * unregistered when the connection closes, unless libvirt already did so after firing it.
 *
 * <p>Threading: listeners run on a libvirt thread (the event loop, or a thread inside a libvirt
 * call on the same connection) and must only hand off; adding and removing listeners is
 * thread-safe.
 */
final class CloseCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(CloseCallbacks.class);

    private final String uri;
    private final Pointer token;
    private final AtomicBoolean closedByLibvirt = new AtomicBoolean();
    private final List<Consumer<CloseReason>> listeners = new CopyOnWriteArrayList<>();

    CloseCallbacks(String uri) {
        this.uri = uri;
        this.token = NativeCallbacks.CLOSE_HANDLERS.add(this::onClosedByLibvirt);
    }

    /** Registers with libvirt; on failure releases the token and throws. */
    void register(Pointer conn) {
        if (LibvirtNative.LIB.virConnectRegisterCloseCallback(conn, NativeCallbacks.CLOSE, token, null) < 0) {
            LibvirtException error = LibvirtErrors.lastError("Register a close callback on " + uri);
            NativeCallbacks.CLOSE_HANDLERS.remove(token);
            throw error;
        }
    }

    /** Whether libvirt closed the connection from its side. */
    boolean closedByLibvirt() {
        return closedByLibvirt.get();
    }

    /** Adds {@code listener}; the returned subscription removes it. */
    Subscription add(Consumer<CloseReason> listener) {
        Consumer<CloseReason> entry = listener::accept; // a new object: removal by identity
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** libvirt unregisters a close callback itself once it has fired; otherwise we do. */
    void unregister(Pointer conn) {
        if (!closedByLibvirt.get()
                && LibvirtNative.LIB.virConnectUnregisterCloseCallback(conn, NativeCallbacks.CLOSE) < 0) {
            LOG.debug("Unregistering the close callback of {} failed", uri,
                    LibvirtErrors.lastError("Unregister the close callback of " + uri));
        }
        NativeCallbacks.CLOSE_HANDLERS.remove(token);
        listeners.clear();
    }

    private void onClosedByLibvirt(CloseReason reason) {
        closedByLibvirt.set(true);
        LOG.debug("libvirt closed {}: {}", uri, reason);
        for (Consumer<CloseReason> listener : listeners) {
            NativeCallbacks.acceptSafely(listener, reason);
        }
    }
}
