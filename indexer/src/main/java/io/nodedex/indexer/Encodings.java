package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.codec.EventCodec;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored bytes of devices, each device object encoded at most once: a device one source alone
 * reports is stored twice (its source view and the merged device) from one stored form.
 *
 * <p>The devices an event carries are found ahead ({@link #ahead}), while the poll is decoded:
 * their bytes depend on nothing stored (most are taken from the record as they travelled), so the
 * indexer's workers find them while the batch before is being written, and the fold, which must
 * wait for that write, finds them done.
 *
 * <p>An instance is confined to one thread; the maps of devices found ahead are only read.
 */
final class Encodings {

    /** The devices found ahead, by identity: the one event's map, or every event's in one map. */
    private final Map<Device, byte[]> ahead;
    private final Map<Device, byte[]> encoded = new IdentityHashMap<>();
    private Device lastDevice;
    private byte[] lastBytes;

    /**
     * @param ahead the maps of devices found ahead, by identity ({@link #ahead}), one per event.
     *     Several are joined into one map, sized once: a device's bytes are asked for several
     *     times, and a look-up in each event's map in turn would touch a table per event.
     */
    Encodings(List<Map<Device, byte[]>> ahead) {
        if (ahead.size() == 1) {
            this.ahead = ahead.get(0);
        } else {
            int devices = 0;
            for (Map<Device, byte[]> event : ahead) {
                devices += event.size();
            }
            this.ahead = new IdentityHashMap<>(devices);
            ahead.forEach(this.ahead::putAll);
        }
    }

    /**
     * The stored bytes of {@code device}. The fold asks for one device's bytes several times in a
     * row (to compare, for the source row, for the merged row): the last answer is kept.
     */
    byte[] of(Device device) {
        if (device != lastDevice) {
            lastBytes = lookUp(device);
            lastDevice = device;
        }
        return lastBytes;
    }

    private byte[] lookUp(Device device) {
        byte[] bytes = ahead.get(device);
        return bytes != null ? bytes : encoded.computeIfAbsent(device, StoredValues::device);
    }

    /**
     * The stored bytes of every device {@code event} carries, by identity: {@code stored} holds
     * them in the order the event lists its devices ({@link EventCodec.WithDevices}). Any thread.
     */
    static Map<Device, byte[]> ahead(Event event, List<byte[]> stored) {
        List<Device> devices = event.payload().carriedDevices();
        if (devices.size() != stored.size()) {
            throw new IllegalArgumentException("the event carries " + devices.size() + " devices, "
                    + stored.size() + " stored forms came with it");
        }
        if (devices.isEmpty()) {
            return Map.of();
        }
        IdentityHashMap<Device, byte[]> bytes = new IdentityHashMap<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            bytes.put(devices.get(i), stored.get(i));
        }
        return bytes;
    }
}
