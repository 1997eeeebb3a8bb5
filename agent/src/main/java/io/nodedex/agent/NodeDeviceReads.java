package io.nodedex.agent;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reading node devices over a connection: their names and their XML. Memory libvirt allocates for
 * us (the device array, XML strings) is released with {@code free()}, device objects with
 * {@code virNodeDeviceFree}. Stateless; thread-safe as {@link ConnectionHandle} is.
 */
final class NodeDeviceReads {

    private static final LibvirtNative LIB = LibvirtNative.LIB;

    private NodeDeviceReads() {
    }

    /** Every device name ({@code virConnectListAllNodeDevices}, flags 0), sorted. */
    static List<String> names(ConnectionHandle connection) {
        return connection.call(conn -> {
            PointerByReference devices = new PointerByReference();
            int count = LIB.virConnectListAllNodeDevices(conn, devices, 0);
            if (count < 0) {
                throw LibvirtErrors.lastError("List node devices on " + connection.uri());
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

    /** Device {@code name}'s XML description ({@code virNodeDeviceGetXMLDesc}). */
    static String xml(ConnectionHandle connection, String name) {
        return connection.onDevice(name, device -> {
            Pointer xml = LIB.virNodeDeviceGetXMLDesc(device, 0);
            if (xml == null) {
                throw LibvirtErrors.lastError("Get the XML of node device '" + name + "' on " + connection.uri());
            }
            return LibvirtNative.freeString(xml);
        });
    }
}
