package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native callbacks nodedex registers with libvirt. Each is one static object for the whole
 * process (always reachable, so JNA never releases a trampoline libvirt still holds) that finds
 * its Java handler by the opaque token in an {@link OpaqueRegistry}.
 *
 * <p>They run on whatever thread libvirt calls them from: the event-loop thread for node device
 * events, and the event-loop thread or a thread inside a libvirt call on the same connection for
 * close callbacks. A handler that throws is logged and does not disturb libvirt.
 */
final class NativeCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(NativeCallbacks.class);

    static final OpaqueRegistry<Consumer<NodeDeviceEvent>> NODE_DEVICE_HANDLERS =
            new OpaqueRegistry<>();

    static final OpaqueRegistry<Consumer<CloseReason>> CLOSE_HANDLERS = new OpaqueRegistry<>();

    static final LibvirtNative.NodeDeviceLifecycleCallback LIFECYCLE =
            (conn, dev, event, detail, opaque) -> {
                String name = LibvirtNative.LIB.virNodeDeviceGetName(dev);
                NodeDeviceEvent.Kind.fromLifecycle(event).ifPresentOrElse(
                        kind -> deliver(NODE_DEVICE_HANDLERS, opaque, new NodeDeviceEvent(name, kind)),
                        () -> LOG.warn("Ignoring node device lifecycle event {} (detail {}) for {}:"
                                + " unknown event code", event, detail, name));
            };

    static final LibvirtNative.NodeDeviceGenericCallback UPDATE = (conn, dev, opaque) -> deliver(
            NODE_DEVICE_HANDLERS, opaque,
            new NodeDeviceEvent(LibvirtNative.LIB.virNodeDeviceGetName(dev),
                    NodeDeviceEvent.Kind.UPDATED));

    static final LibvirtNative.CloseCallback CLOSE = (conn, reason, opaque) ->
            deliver(CLOSE_HANDLERS, opaque, CloseReason.fromNative(reason));

    private NativeCallbacks() {
    }

    /** Gives {@code value} to {@code handler}; logs what it throws instead of passing it on. */
    static <T> void acceptSafely(Consumer<T> handler, T value) {
        try {
            handler.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("A libvirt callback handler failed on {}", value, e);
        }
    }

    private static <T> void deliver(OpaqueRegistry<Consumer<T>> handlers, Pointer opaque, T value) {
        handlers.find(opaque).ifPresent(handler -> acceptSafely(handler, value));
    }
}
