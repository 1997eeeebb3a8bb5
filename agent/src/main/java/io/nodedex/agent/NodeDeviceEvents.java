package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's node device event callbacks (LIFECYCLE and UPDATE). libvirt accepts one
 * registration of a callback per connection and event, so the first subscription registers with
 * libvirt, the last one to close deregisters, and the events fan out to the subscriptions in
 * between.
 *
 * <p>Threading: subscriptions are added and removed under this object's lock while the
 * connection's read lock is held ({@link ConnectionHandle#call}), and all are ended under its
 * write lock when it closes; events are delivered on the event-loop thread, from a copy-on-write
 * list. A subscription closed while an event is being delivered may still receive that event.
 */
final class NodeDeviceEvents {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDeviceEvents.class);

    private final ConnectionHandle connection;
    private final String uri;
    private final Pointer token;
    private final BooleanSupplier closedByLibvirt;
    private final List<EventSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private int lifecycleCallbackId = -1; // guarded by this; -1: not registered
    private int updateCallbackId = -1; // guarded by this; -1: not registered

    NodeDeviceEvents(ConnectionHandle connection, BooleanSupplier closedByLibvirt) {
        this.connection = connection;
        this.uri = connection.uri();
        this.closedByLibvirt = closedByLibvirt;
        this.token = NativeCallbacks.NODE_DEVICE_HANDLERS.add(this::deliver);
    }

    /** Adds a subscriber, registering with libvirt first if it is the only one. */
    Subscription subscribe(Consumer<NodeDeviceEvent> consumer) {
        return connection.call(conn -> {
            synchronized (this) {
                if (subscriptions.isEmpty()) {
                    register(conn);
                }
                EventSubscription subscription = new EventSubscription(consumer);
                subscriptions.add(subscription);
                return subscription;
            }
        });
    }

    /** Ends every subscription and deregisters; the connection is about to close. */
    synchronized void closeAll(Pointer conn) {
        if (!subscriptions.isEmpty()) {
            subscriptions.clear();
            deregister(conn);
        }
        NativeCallbacks.NODE_DEVICE_HANDLERS.remove(token);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    synchronized boolean registered() {
        return lifecycleCallbackId >= 0;
    }

    private synchronized boolean unsubscribe(Pointer conn, EventSubscription subscription) {
        boolean removed = subscriptions.remove(subscription);
        if (removed && subscriptions.isEmpty()) {
            deregister(conn);
        }
        return removed;
    }

    private void deliver(NodeDeviceEvent event) {
        for (EventSubscription subscription : subscriptions) {
            NativeCallbacks.acceptSafely(subscription.consumer, event);
        }
    }

    /** Caller holds this object's lock. */
    private void register(Pointer conn) {
        LibvirtNative lib = LibvirtNative.LIB;
        int lifecycle = lib.virConnectNodeDeviceEventRegisterAny(conn, null,
                LibvirtNative.NODE_DEVICE_EVENT_ID_LIFECYCLE, NativeCallbacks.LIFECYCLE, token, null);
        if (lifecycle < 0) {
            throw LibvirtErrors.lastError("Subscribe to node device lifecycle events on " + uri);
        }
        int update = lib.virConnectNodeDeviceEventRegisterAny(conn, null,
                LibvirtNative.NODE_DEVICE_EVENT_ID_UPDATE, NativeCallbacks.UPDATE, token, null);
        if (update < 0) {
            LibvirtException error = LibvirtErrors.lastError("Subscribe to node device update events on " + uri);
            deregisterCallback(conn, lifecycle);
            throw error;
        }
        lifecycleCallbackId = lifecycle;
        updateCallbackId = update;
    }

    /** Caller holds this object's lock. */
    private void deregister(Pointer conn) {
        deregisterCallback(conn, lifecycleCallbackId);
        deregisterCallback(conn, updateCallbackId);
        lifecycleCallbackId = -1;
        updateCallbackId = -1;
    }

    /**
     * Failures are logged, not thrown: the subscriptions are gone on our side either way, so
     * nothing more is delivered. On a connection libvirt already closed they are expected (the
     * remote driver drops the callback locally, then cannot tell the server), so those are logged
     * at debug.
     */
    private void deregisterCallback(Pointer conn, int callbackId) {
        if (LibvirtNative.LIB.virConnectNodeDeviceEventDeregisterAny(conn, callbackId) >= 0) {
            return;
        }
        LibvirtException error = LibvirtErrors.lastError(
                "Deregister node device event callback " + callbackId + " on " + uri);
        if (closedByLibvirt.getAsBoolean()) {
            LOG.debug("Deregistering on a connection libvirt closed: {}", error.getMessage());
        } else {
            LOG.warn("Deregistering a node device event callback failed", error);
        }
    }

    /** One subscriber; closing it after the connection closed does nothing. */
    private final class EventSubscription implements Subscription {

        private final Consumer<NodeDeviceEvent> consumer;

        EventSubscription(Consumer<NodeDeviceEvent> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void close() {
            connection.ifOpen(conn -> unsubscribe(conn, this));
        }
    }
}
