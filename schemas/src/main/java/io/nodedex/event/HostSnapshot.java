package io.nodedex.event;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every device of the host that one source sees, replacing all that this source said before:
 * devices it no longer lists are gone (docs/design.md, "No stale index entries").
 */
public record HostSnapshot(List<Device> devices) implements Payload {
    public HostSnapshot {
        devices = List.copyOf(devices);
        Set<String> names = new HashSet<>();
        for (Device device : devices) {
            if (!names.add(device.name())) {
                throw new InvalidInputException("snapshot lists device '" + device.name() + "' twice");
            }
        }
    }

    @Override
    public List<Device> carriedDevices() {
        return devices;
    }
}
