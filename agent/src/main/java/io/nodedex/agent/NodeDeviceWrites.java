package io.nodedex.agent;

import com.sun.jna.Pointer;

/**
 * Creating and destroying node devices over a connection (a vHBA is created from XML naming an
 * {@code fc_host} capability and its parent). Stateless; thread-safe as {@link ConnectionHandle}
 * is.
 */
final class NodeDeviceWrites {

    private static final LibvirtNative LIB = LibvirtNative.LIB;

    private NodeDeviceWrites() {
    }

    /** Creates a transient device from {@code xml} and returns the name libvirt gave it. */
    static String create(ConnectionHandle connection, String xml) {
        return connection.call(conn -> {
            Pointer device = LIB.virNodeDeviceCreateXML(conn, xml, 0);
            if (device == null) {
                throw LibvirtErrors.lastError("Create a node device on " + connection.uri());
            }
            try {
                return LIB.virNodeDeviceGetName(device);
            } finally {
                LIB.virNodeDeviceFree(device);
            }
        });
    }

    /** Destroys device {@code name}. */
    static void destroy(ConnectionHandle connection, String name) {
        connection.onDevice(name, device -> {
            if (LIB.virNodeDeviceDestroy(device) < 0) {
                throw LibvirtErrors.lastError("Destroy node device '" + name + "' on " + connection.uri());
            }
            return null;
        });
    }
}
