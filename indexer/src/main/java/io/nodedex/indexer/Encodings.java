package io.nodedex.indexer;

import io.nodedex.device.Device;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The stored bytes of devices, each device object encoded once: a device one source alone
 * reports is stored twice (its source view and the merged device) from one encoding.
 * Confined to one thread.
 */
final class Encodings {

    private final Map<Device, byte[]> encoded = new IdentityHashMap<>();

    byte[] of(Device device) {
        return encoded.computeIfAbsent(device, StoredValues::device);
    }
}
