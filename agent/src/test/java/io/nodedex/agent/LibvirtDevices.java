package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.xml.NodeDeviceXml;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a host's devices straight from libvirt, the way the offline CLI path does
 * ({@code virsh nodedev-dumpxml} of every device, parsed with {@link NodeDeviceXml}): the
 * reference the agent's output is compared with.
 */
public final class LibvirtDevices {

    private LibvirtDevices() {
    }

    /** Every device of {@code uri}, in natural name order. */
    public static List<Device> read(String uri) {
        try (LibvirtConnection connection = LibvirtConnection.open(uri)) {
            return connection.listNodeDeviceNames().stream()
                    .map(name -> NodeDeviceXml.parse(connection.nodeDeviceXml(name), name))
                    .sorted(Comparator.comparing(Device::name, NaturalOrder.NAMES))
                    .toList();
        }
    }
}
