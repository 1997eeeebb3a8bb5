package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Payload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two reads of the same source: devices that are new or differ in any
 * value (compared with {@link Device#equals}), and names that are gone. Both lists are in natural
 * name order, so the same two reads always give the same events.
 *
 * @param upserted new and changed devices
 * @param removed names of devices that disappeared
 */
record DeviceChanges(List<Device> upserted, List<String> removed) {

    DeviceChanges {
        upserted = List.copyOf(upserted);
        removed = List.copyOf(removed);
    }

    static DeviceChanges between(List<Device> before, List<Device> after) {
        Map<String, Device> old = before.stream().collect(Collectors.toMap(Device::name, Function.identity()));
        Map<String, Device> now = after.stream().collect(Collectors.toMap(Device::name, Function.identity()));
        List<Device> upserted = new ArrayList<>();
        for (Device device : now.values()) {
            if (!device.equals(old.get(device.name()))) {
                upserted.add(device);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String name : old.keySet()) {
            if (!now.containsKey(name)) {
                removed.add(name);
            }
        }
        upserted.sort(Comparator.comparing(Device::name, NaturalOrder.NAMES));
        removed.sort(NaturalOrder.NAMES);
        return new DeviceChanges(upserted, removed);
    }

    boolean isEmpty() {
        return upserted.isEmpty() && removed.isEmpty();
    }

    /** The events that carry these changes: upserts, then removals. */
    List<Payload> payloads() {
        List<Payload> payloads = new ArrayList<>();
        upserted.forEach(device -> payloads.add(new DeviceUpserted(device)));
        removed.forEach(name -> payloads.add(new DeviceRemoved(name)));
        return payloads;
    }
}
