package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import java.util.Comparator;
import java.util.Objects;

/** A device together with the host it belongs to: the answer of the datacenter-wide lookups. */
public record HostDevice(String hostId, Device device) {

    /** The order of every list of these: by host id, then by natural device-name order. */
    public static final Comparator<HostDevice> ORDER = Comparator.comparing(HostDevice::hostId)
            .thenComparing(hostDevice -> hostDevice.device().name(), NaturalOrder.NAMES);

    public HostDevice {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(device, "device");
    }
}
