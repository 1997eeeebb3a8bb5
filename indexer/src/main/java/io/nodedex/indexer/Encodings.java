package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.HostSnapshot;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The stored bytes of devices, each device object encoded once: a device one source alone
 * reports is stored twice (its source view and the merged device) from one encoding.
 *
 * <p>The devices an event carries are encoded ahead ({@link #ahead}), while the poll is decoded:
 * their bytes depend on nothing stored, so the indexer's workers encode them while the batch
 * before is being written, and the fold, which must wait for that write, finds them done.
 *
 * <p>An instance is confined to one thread; the map of devices encoded ahead is only read.
 */
final class Encodings {

    private final Map<Device, byte[]> ahead;
    private final Map<Device, byte[]> encoded = new IdentityHashMap<>();

    /** @param ahead devices encoded ahead, by identity ({@link #ahead}) */
    Encodings(IdentityHashMap<Device, byte[]> ahead) {
        this.ahead = ahead;
    }

    byte[] of(Device device) {
        byte[] bytes = ahead.get(device);
        return bytes != null ? bytes : encoded.computeIfAbsent(device, StoredValues::device);
    }

    /** The stored bytes of every device {@code event} carries, by identity. Any thread. */
    static Map<Device, byte[]> ahead(Event event) {
        if (event.payload() instanceof DeviceUpserted upserted) {
            return Collections.singletonMap(upserted.device(), StoredValues.device(upserted.device()));
        } else if (event.payload() instanceof HostSnapshot snapshot) {
            IdentityHashMap<Device, byte[]> bytes = new IdentityHashMap<>(snapshot.devices().size());
            snapshot.devices().forEach(device -> bytes.put(device, StoredValues.device(device)));
            return bytes;
        }
        return Map.of();
    }
}
