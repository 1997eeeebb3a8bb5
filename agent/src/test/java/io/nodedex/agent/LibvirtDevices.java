package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.xml.NodeDeviceXml;
import io.nodedex.agent.NodeDeviceEvent.Kind;
import java.util.Comparator;
import java.util.List;

/**
 * Devices straight from libvirt: read the way the offline CLI path does ({@code virsh
 * nodedev-dumpxml} of every device, parsed with {@link NodeDeviceXml}), the reference the
 * agent's output is compared with; and destroyed so that no event of theirs is left in flight.
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

    /**
     * Destroys {@code name} through {@code operator} and returns once its DELETED event has been
     * dispatched. {@code test:///default} is one driver for the whole process and dispatches its
     * events later, on the event loop, to every subscription open by then: a destroy that does
     * not wait leaves a DELETED that the next test's fresh subscription would receive.
     */
    public static void destroySettled(LibvirtConnection operator, String name) throws InterruptedException {
        Handoff<NodeDeviceEvent> events = new Handoff<>();
        try (Subscription subscription = operator.subscribeNodeDeviceEvents(events)) {
            operator.destroyNodeDevice(name);
            NodeDeviceEvent deleted = new NodeDeviceEvent(name, Kind.DELETED);
            while (!events.next().equals(deleted)) {
                // an earlier event still in flight: the DELETED follows it
            }
        }
    }
}
