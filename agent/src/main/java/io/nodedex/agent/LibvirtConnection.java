package io.nodedex.agent;

import com.sun.jna.Pointer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
 *
 * <p>This class is the face; each job is done by one part: {@link ConnectionHandle} (lifecycle
 * and locking), {@link NodeDeviceReads}, {@link NodeDeviceWrites} (create and destroy),
 * {@link Liveness} (keepalive), {@link NodeDeviceEvents} and {@link CloseCallbacks} (the callback
 * registries).
 */
final class LibvirtConnection implements AutoCloseable {

    private final ConnectionHandle handle;
    private final CloseCallbacks closeCallbacks;
    private final NodeDeviceEvents nodeDeviceEvents;

    private LibvirtConnection(ConnectionHandle handle) {
        this.handle = handle;
        this.closeCallbacks = new CloseCallbacks(handle.uri());
        this.nodeDeviceEvents = new NodeDeviceEvents(handle, closeCallbacks::closedByLibvirt);
    }

    /**
     * Opens a read-write connection to {@code uri}, starting the {@link LibvirtEventLoop} first
     * if it is not running yet: for creating and destroying devices.
     *
     * @throws LibvirtException when libvirt cannot open the URI (the message names it)
     * @throws IllegalArgumentException when a {@code test:///path} URI names a host file that is
     *     not a readable regular file
     */
    static LibvirtConnection open(String uri) {
        return open(uri, false);
    }

    /**
     * Opens a read-only connection to {@code uri} ({@code virConnectOpenReadOnly}), as
     * {@link #open(String)} otherwise: what an agent that only reads uses, so that it needs no
     * write access to libvirt (its read-only socket suffices) and cannot change the host.
     */
    static LibvirtConnection openReadOnly(String uri) {
        return open(uri, true);
    }

    private static LibvirtConnection open(String uri, boolean readOnly) {
        Objects.requireNonNull(uri, "uri");
        requireReadableTestHostFile(uri);
        LibvirtLibrary.requireInstalled();
        LibvirtEventLoop.ensureStarted();
        Pointer conn = readOnly ? LibvirtNative.LIB.virConnectOpenReadOnly(uri) : LibvirtNative.LIB.virConnectOpen(uri);
        if (conn == null) {
            throw LibvirtErrors.lastError("Open " + (readOnly ? "read-only " : "") + "libvirt connection to " + uri);
        }
        LibvirtConnection connection = new LibvirtConnection(new ConnectionHandle(uri, conn));
        try {
            connection.closeCallbacks.register(conn);
        } catch (LibvirtException e) {
            connection.handle.close(opened -> connection.nodeDeviceEvents.closeAll(opened));
            throw e;
        }
        return connection;
    }

    /** The URI this connection was opened with. */
    String uri() {
        return handle.uri();
    }

    /**
     * Names of every node device on the host ({@code virConnectListAllNodeDevices} with flags 0),
     * sorted by {@link String#compareTo}.
     */
    List<String> listNodeDeviceNames() {
        return NodeDeviceReads.names(handle);
    }

    /**
     * The XML description of node device {@code name} ({@code virNodeDeviceGetXMLDesc}).
     *
     * @throws LibvirtException with {@link LibvirtErrorCode#NO_NODE_DEVICE} when there is no
     *     such device
     */
    String nodeDeviceXml(String name) {
        Objects.requireNonNull(name, "name");
        return NodeDeviceReads.xml(handle, name);
    }

    /**
     * Creates a transient node device from {@code xml} (e.g. a vHBA: an {@code fc_host}
     * capability and a parent) and returns the name libvirt gave it.
     */
    String createNodeDevice(String xml) {
        Objects.requireNonNull(xml, "xml");
        return NodeDeviceWrites.create(handle, xml);
    }

    /** Destroys node device {@code name} (e.g. removes a vHBA). */
    void destroyNodeDevice(String name) {
        Objects.requireNonNull(name, "name");
        NodeDeviceWrites.destroy(handle, name);
    }

    /**
     * Whether the connection is usable: {@code false} after {@link #close()} and, for remote
     * connections, once the server went away.
     */
    boolean isAlive() {
        return Liveness.isAlive(handle);
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
    boolean setKeepAlive(int intervalSeconds, int count) {
        return Liveness.setKeepAlive(handle, intervalSeconds, count);
    }

    /**
     * Delivers LIFECYCLE (created, deleted, defined, undefined) and UPDATE events of every node
     * device on this host to {@code consumer}, on the {@link LibvirtEventLoop} thread, until the
     * returned subscription or this connection is closed. The consumer must only hand off; one
     * that throws is logged and the others still get the event. A subscription closed while an
     * event is being delivered may still receive that one event.
     */
    Subscription subscribeNodeDeviceEvents(Consumer<NodeDeviceEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return nodeDeviceEvents.subscribe(consumer);
    }

    /**
     * Calls {@code listener} when libvirt closes this connection from its side (the server died,
     * keepalive timed out, an I/O error), with the reason; not when {@link #close()} is called.
     * Only remote connections ({@code test+unix://}, {@code qemu:///system} through a daemon)
     * ever close this way. Runs on a libvirt thread and must only hand off.
     */
    Subscription onClose(Consumer<CloseReason> listener) {
        Objects.requireNonNull(listener, "listener");
        return handle.call(conn -> closeCallbacks.add(listener));
    }

    /**
     * Deregisters every subscription and the close callback, then closes the libvirt
     * connection. Idempotent; waits for calls running on other threads to finish. Must not be
     * called from a libvirt callback.
     */
    @Override
    public void close() {
        handle.close(conn -> {
            nodeDeviceEvents.closeAll(conn);
            closeCallbacks.unregister(conn);
        });
    }

    /** Open node device subscriptions on this connection; for tests. */
    int subscriptionCount() {
        return nodeDeviceEvents.subscriptionCount();
    }

    /** Whether our node device callbacks are registered with libvirt; for tests. */
    boolean nodeDeviceCallbacksRegistered() {
        return nodeDeviceEvents.registered();
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
}
