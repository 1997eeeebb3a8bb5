package io.nodedex.event;

import io.nodedex.device.Device;
import java.util.List;
import java.util.Objects;

/** A device appeared or changed; carries the whole device, never a delta. */
public record DeviceUpserted(Device device) implements Payload {
    public DeviceUpserted {
        Objects.requireNonNull(device, "device");
    }

    @Override
    public List<Device> carriedDevices() {
        return List.of(device);
    }
}
