package io.nodedex.agent.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to libvirt ({@code virConnectPtr}) with the node device API nodedex needs.
 *
 * <p>URIs: {@code test:///default} is libvirt's built-in test host, shared by every connection in
 * the process; {@code test:///abs/path/host.xml} loads a host from a file and gives each
 * connection its own private copy; {@code test+unix:///default?socket=/path} reaches the test
 * driver inside a {@code libvirtd}; {@code qemu:///system} is a real host.
 *
 * <p><b>Threads.</b> Every method may be called from any thread, concurrently; calls run in
 * parallel (libvirt connections are thread-safe) and {@link #close()} waits for running calls to
 * finish. Callbacks ({@link #subscribeNodeDeviceEvents}, {@link #onClose}) run on libvirt's
 * threads, normally the {@link LibvirtEventLoop} thread: they must only hand the value off (e.g.
 * put it on a queue) and must not block or call this connection or any {@link Subscription}.
 *
 * <p>After {@link #close()}, {@link #isAlive()} is {@code false} and every other method except
 * {@code close()} throws {@link IllegalStateException}. Failures of libvirt calls throw
 * {@link LibvirtException}.
 */
public final class LibvirtConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtConnection.class);
    private static final LibvirtNative LIB = LibvirtNative.LIB;

    private final String uri;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Pointer handle; // guarded by lock; null once closed
    private final Pointer closeToken;
    private final AtomicBoolean closedByLibvirt = new AtomicBoolean();
    private final List<Consumer<CloseReason>> closeListeners = new CopyOnWriteArrayList<>();

    private final Pointer nodeDeviceToken;
    /** Guards the two callback ids and changes to {@link #nodeDeviceSubscriptions}. */
    private final Object eventRegistration = new Object();
    private final List<NodeDeviceSubscription> nodeDeviceSubscriptions =
            new CopyOnWriteArrayList<>();
    private int lifecycleCallbackId = -1; // guarded by eventRegistration; -1: not registered
    private int updateCallbackId = -1; // guarded by eventRegistration; -1: not registered

    private LibvirtConnection(String uri, Pointer handle) {
        this.uri = uri;
        this.handle = handle;
        this.closeToken = NativeCallbacks.CLOSE_HANDLERS.add(this::onClosedByLibvirt);
        this.nodeDeviceToken = NativeCallbacks.NODE_DEVICE_HANDLERS.add(this::onNodeDeviceEvent);
    }

    /**
     * Opens a read-write connection to {@code uri}, starting the {@link LibvirtEventLoop} first
     * if it is not running yet.
     *
     * @throws LibvirtException when libvirt cannot open the URI (the message names it)
     * @throws IllegalArgumentException when a {@code test:///path} URI names a host file that is
     *     not a readable regular file
     */
    public static LibvirtConnection open(String uri) {
        Objects.requireNonNull(uri, "uri");
        requireReadableTestHostFile(uri);
        LibvirtEventLoop.ensureStarted();
        Pointer handle = LIB.virConnectOpen(uri);
        if (handle == null) {
            throw LibvirtErrors.lastError("Open libvirt connection to " + uri);
        }
        LibvirtConnection connection = new LibvirtConnection(uri, handle);
        connection.registerCloseCallback();
        return connection;
    }

    /** The URI this connection was opened with. */
    public String uri() {
        return uri;
    }

    /**
     * Names of every node device on the host ({@code virConnectListAllNodeDevices} with flags 0),
     * sorted by {@link String#compareTo}.
     */
    public List<String> listNodeDeviceNames() {
        return withHandle(conn -> {
            PointerByReference devices = new PointerByReference();
            int count = LIB.virConnectListAllNodeDevices(conn, devices, 0);
            if (count < 0) {
                throw LibvirtErrors.lastError("List node devices on " + uri);
            }
            Pointer array = devices.getValue();
            List<String> names = new ArrayList<>(count);
            try {
                for (Pointer device : array.getPointerArray(0, count)) {
                    names.add(LIB.virNodeDeviceGetName(device));
                    LIB.virNodeDeviceFree(device);
                }
            } finally {
                LibvirtNative.free(array);
            }
            Collections.sort(names);
            return List.copyOf(names);
        });
    }

    /**
     * The XML description of node device {@code name} ({@code virNodeDeviceGetXMLDesc}).
     *
     * @throws LibvirtException with {@link LibvirtErrorCode#NO_NODE_DEVICE} when there is no
     *     such device
     */
    public String nodeDeviceXml(String name) {
        Objects.requireNonNull(name, "name");
        return withNodeDevice(name, device -> {
            Pointer xml = LIB.virNodeDeviceGetXMLDesc(device, 0);
            if (xml == null) {
                throw LibvirtErrors.lastError("Get the XML of node device '" + name + "' on " + uri);
            }
            return LibvirtNative.freeString(xml);
        });
    }

    /**
     * Creates a transient node device from {@code xml} (e.g. a vHBA: an {@code fc_host}
     * capability and a parent) and returns the name libvirt gave it.
     */
    public String createNodeDevice(String xml) {
        Objects.requireNonNull(xml, "xml");
        return withHandle(conn -> {
            Pointer device = LIB.virNodeDeviceCreateXML(conn, xml, 0);
            if (device == null) {
                throw LibvirtErrors.lastError("Create a node device on " + uri);
            }
            try {
                return LIB.virNodeDeviceGetName(device);
            } finally {
                LIB.virNodeDeviceFree(device);
            }
        });
    }

    /** Destroys node device {@code name} (e.g. removes a vHBA). */
    public void destroyNodeDevice(String name) {
        Objects.requireNonNull(name, "name");
        withNodeDevice(name, device -> {
            if (LIB.virNodeDeviceDestroy(device) < 0) {
                throw LibvirtErrors.lastError("Destroy node device '" + name + "' on " + uri);
            }
            return null;
        });
    }

    /**
     * Whether the connection is usable: {@code false} after {@link #close()} and, for remote
     * connections, once the server went away.
     */
    public boolean isAlive() {
        Lock read = lock.readLock();
        read.lock();
        try {
            if (handle == null) {
                return false;
            }
            int alive = LIB.virConnectIsAlive(handle);
            if (alive < 0) {
                throw LibvirtErrors.lastError("Check whether " + uri + " is alive");
            }
            return alive == 1;
        } finally {
            read.unlock();
        }
    }

    /**
     * Starts keepalive on a remote connection: a probe every {@code intervalSeconds}, and the
     * connection closes (reason {@link CloseReason#KEEPALIVE}) after {@code count} unanswered
     * probes. {@code intervalSeconds <= 0} turns keepalive off.
     *
     * @return {@code true} when keepalive is set up; {@code false} when this connection cannot
     *     do keepalive: the driver has none (the in-process test driver, where a dead peer
     *     cannot happen) or the remote server does not support it
     * @throws LibvirtException on any other failure
     */
    public boolean setKeepAlive(int intervalSeconds, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("keepalive count must be >= 0, got " + count);
        }
        return withHandle(conn -> {
            int result = LIB.virConnectSetKeepAlive(conn, intervalSeconds, count);
            if (result >= 0) {
                return result == 0;
            }
            LibvirtException error = LibvirtErrors.lastError("Set keepalive on " + uri);
            if (error.hasCode(LibvirtErrorCode.NO_SUPPORT)) {
                LOG.debug("No keepalive on {}: {}", uri, error.libvirtMessage());
                return false;
            }
            throw error;
        });
    }

    /**
     * Delivers LIFECYCLE (created, deleted, defined, undefined) and UPDATE events of every node
     * device on this host to {@code consumer}, on the {@link LibvirtEventLoop} thread, until the
     * returned subscription or this connection is closed. The consumer must only hand off; one
     * that throws is logged and the others still get the event. A subscription closed while an
     * event is being delivered may still receive that one event.
     *
     * <p>libvirt accepts one registration of a callback per connection and event, so the first
     * subscription registers with libvirt and the last one to close deregisters; the events fan
     * out to the subscriptions in between.
     */
    public Subscription subscribeNodeDeviceEvents(Consumer<NodeDeviceEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return withHandle(conn -> {
            synchronized (eventRegistration) {
                if (nodeDeviceSubscriptions.isEmpty()) {
                    registerNodeDeviceCallbacks(conn);
                }
                NodeDeviceSubscription subscription = new NodeDeviceSubscription(consumer);
                nodeDeviceSubscriptions.add(subscription);
                return subscription;
            }
        });
    }

    /**
     * Calls {@code listener} when libvirt closes this connection from its side (the server died,
     * keepalive timed out, an I/O error), with the reason; not when {@link #close()} is called.
     * Only remote connections ({@code test+unix://}, {@code qemu:///system} through a daemon)
     * ever close this way. Runs on a libvirt thread and must only hand off.
     */
    public Subscription onClose(Consumer<CloseReason> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<CloseReason> entry = listener::accept; // a new object: removal by identity
        return withHandle(conn -> {
            closeListeners.add(entry);
            return () -> closeListeners.remove(entry);
        });
    }

    /**
     * Deregisters every subscription and the close callback, then closes the libvirt
     * connection. Idempotent; waits for calls running on other threads to finish. Must not be
     * called from a libvirt callback.
     */
    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (handle == null) {
                return;
            }
            synchronized (eventRegistration) {
                if (!nodeDeviceSubscriptions.isEmpty()) {
                    nodeDeviceSubscriptions.clear();
                    deregisterNodeDeviceCallbacks(handle);
                }
            }
            unregisterCloseCallback();
            closeListeners.clear();
            NativeCallbacks.NODE_DEVICE_HANDLERS.remove(nodeDeviceToken);
            if (LIB.virConnectClose(handle) < 0) {
                LOG.warn("Closing {} failed", uri, LibvirtErrors.lastError("Close " + uri));
            }
            handle = null;
        } finally {
            write.unlock();
        }
    }

    /** Open node device subscriptions on this connection; for tests. */
    int subscriptionCount() {
        return nodeDeviceSubscriptions.size();
    }

    /** Whether our node device callbacks are registered with libvirt; for tests. */
    boolean nodeDeviceCallbacksRegistered() {
        synchronized (eventRegistration) {
            return lifecycleCallbackId >= 0;
        }
    }

    /**
     * Checks the host file of a {@code test:///path} URI ourselves: when it is missing, libxml2
     * (inside libvirt) prints a warning straight to stderr before libvirt reports the error.
     */
    private static void requireReadableTestHostFile(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return; // libvirt rejects it with its own message
        }
        String path = parsed.getPath();
        if (!"test".equals(parsed.getScheme()) || path == null || path.equals("/default")) {
            return;
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("libvirt test host file " + file + " (URI " + uri
                    + ") is not a readable file");
        }
    }

    private void registerCloseCallback() {
        if (LIB.virConnectRegisterCloseCallback(handle, NativeCallbacks.CLOSE, closeToken, null)
                < 0) {
            LibvirtException error =
                    LibvirtErrors.lastError("Register a close callback on " + uri);
            NativeCallbacks.CLOSE_HANDLERS.remove(closeToken);
            NativeCallbacks.NODE_DEVICE_HANDLERS.remove(nodeDeviceToken);
            LIB.virConnectClose(handle);
            handle = null;
            throw error;
        }
    }

    /** libvirt unregisters a close callback itself once it has fired; otherwise we do. */
    private void unregisterCloseCallback() {
        if (!closedByLibvirt.get()
                && LIB.virConnectUnregisterCloseCallback(handle, NativeCallbacks.CLOSE) < 0) {
            LOG.debug("Unregistering the close callback of {} failed", uri,
                    LibvirtErrors.lastError("Unregister the close callback of " + uri));
        }
        NativeCallbacks.CLOSE_HANDLERS.remove(closeToken);
    }

    private void onClosedByLibvirt(CloseReason reason) {
        closedByLibvirt.set(true);
        LOG.debug("libvirt closed {}: {}", uri, reason);
        for (Consumer<CloseReason> listener : closeListeners) {
            NativeCallbacks.acceptSafely(listener, reason);
        }
    }

    private void onNodeDeviceEvent(NodeDeviceEvent event) {
        for (NodeDeviceSubscription subscription : nodeDeviceSubscriptions) {
            NativeCallbacks.acceptSafely(subscription.consumer, event);
        }
    }

    /** Caller holds {@link #eventRegistration}. */
    private void registerNodeDeviceCallbacks(Pointer conn) {
        int lifecycle = LIB.virConnectNodeDeviceEventRegisterAny(conn, null,
                LibvirtNative.NODE_DEVICE_EVENT_ID_LIFECYCLE, NativeCallbacks.LIFECYCLE,
                nodeDeviceToken, null);
        if (lifecycle < 0) {
            throw LibvirtErrors.lastError("Subscribe to node device lifecycle events on " + uri);
        }
        int update = LIB.virConnectNodeDeviceEventRegisterAny(conn, null,
                LibvirtNative.NODE_DEVICE_EVENT_ID_UPDATE, NativeCallbacks.UPDATE,
                nodeDeviceToken, null);
        if (update < 0) {
            LibvirtException error =
                    LibvirtErrors.lastError("Subscribe to node device update events on " + uri);
            deregisterEventCallback(conn, lifecycle);
            throw error;
        }
        lifecycleCallbackId = lifecycle;
        updateCallbackId = update;
    }

    /** Caller holds {@link #eventRegistration}. */
    private void deregisterNodeDeviceCallbacks(Pointer conn) {
        deregisterEventCallback(conn, lifecycleCallbackId);
        deregisterEventCallback(conn, updateCallbackId);
        lifecycleCallbackId = -1;
        updateCallbackId = -1;
    }

    /**
     * Failures are logged, not thrown: the subscriptions are gone on our side either way, so
     * nothing more is delivered. On a connection libvirt already closed they are expected (the remote driver
     * drops the callback locally, then cannot tell the server), so those are logged at debug.
     */
    private void deregisterEventCallback(Pointer conn, int callbackId) {
        if (LIB.virConnectNodeDeviceEventDeregisterAny(conn, callbackId) >= 0) {
            return;
        }
        LibvirtException error =
                LibvirtErrors.lastError("Deregister node device event callback " + callbackId
                        + " on " + uri);
        if (closedByLibvirt.get()) {
            LOG.debug("Deregistering on a connection libvirt closed: {}", error.getMessage());
        } else {
            LOG.warn("Deregistering a node device event callback failed", error);
        }
    }

    private <T> T withHandle(Function<Pointer, T> action) {
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

    private <T> T withNodeDevice(String name, Function<Pointer, T> action) {
        return withHandle(conn -> {
            Pointer device = LIB.virNodeDeviceLookupByName(conn, name);
            if (device == null) {
                throw LibvirtErrors.lastError("Look up node device '" + name + "' on " + uri);
            }
            try {
                return action.apply(device);
            } finally {
                LIB.virNodeDeviceFree(device);
            }
        });
    }

    /** One {@link #subscribeNodeDeviceEvents} call. */
    private final class NodeDeviceSubscription implements Subscription {

        private final Consumer<NodeDeviceEvent> consumer;

        NodeDeviceSubscription(Consumer<NodeDeviceEvent> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void close() {
            Lock read = lock.readLock();
            read.lock();
            try {
                if (handle == null) {
                    return; // the connection's close() ended every subscription
                }
                synchronized (eventRegistration) {
                    if (nodeDeviceSubscriptions.remove(this) && nodeDeviceSubscriptions.isEmpty()) {
                        deregisterNodeDeviceCallbacks(handle);
                    }
                }
            } finally {
                read.unlock();
            }
        }
    }
}
