package io.nodedex.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a connection's peer is still there: {@code virConnectIsAlive}, and keepalive probes
 * ({@code virConnectSetKeepAlive}) that make libvirt close a connection whose server stopped
 * answering. Stateless; thread-safe as {@link ConnectionHandle} is.
 */
final class Liveness {

    private static final Logger LOG = LoggerFactory.getLogger(Liveness.class);
    private static final LibvirtNative LIB = LibvirtNative.LIB;

    private Liveness() {
    }

    /** {@code false} once closed, or once a remote peer went away. */
    static boolean isAlive(ConnectionHandle connection) {
        return connection.ifOpen(conn -> {
            int result = LIB.virConnectIsAlive(conn);
            if (result < 0) {
                throw LibvirtErrors.lastError("Check whether " + connection.uri() + " is alive");
            }
            return result == 1;
        }).orElse(false);
    }

    /**
     * Sets keepalive up; {@code false} when the driver has none (the in-process test driver) or
     * the server does not support it.
     */
    static boolean setKeepAlive(ConnectionHandle connection, int intervalSeconds, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("keepalive count must be >= 0, got " + count);
        }
        return connection.call(conn -> {
            int result = LIB.virConnectSetKeepAlive(conn, intervalSeconds, count);
            if (result >= 0) {
                return result == 0;
            }
            LibvirtException error = LibvirtErrors.lastError("Set keepalive on " + connection.uri());
            if (error.hasCode(LibvirtErrorCode.NO_SUPPORT)) {
                LOG.debug("No keepalive on {}: {}", connection.uri(), error.libvirtMessage());
                return false;
            }
            throw error;
        });
    }
}
