package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.Source;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * What one source says about one host's devices during one poll: the stored view, loaded
 * lazily (a point read per device name; one prefix scan only when a snapshot arrives), and the
 * changes this poll made on top of it. The cost of an event is proportional to its size, never to
 * the host's.
 */
final class SourceView {

    private final Store.ReadView reads;
    private final long hostKey;
    private final Source source;
    private final Map<String, Optional<Device>> stored = new HashMap<>();
    private final Map<String, Optional<Device>> changed = new HashMap<>();
    private boolean everythingStoredLoaded;
    private Optional<Watermark> storedWatermark;
    private Optional<Watermark> watermark;

    SourceView(Store.ReadView reads, long hostKey, Source source) {
        this.reads = reads;
        this.hostKey = hostKey;
        this.source = source;
    }

    Source source() {
        return source;
    }

    /** The latest (incarnation, sequence) applied for this host and source, if any. */
    Optional<Watermark> watermark() {
        if (watermark == null) {
            storedWatermark = reads.get(Table.WATERMARKS, Keys.watermark(hostKey, source)).map(StoredValues::watermark);
            watermark = storedWatermark;
        }
        return watermark;
    }

    void advanceTo(Watermark applied) {
        watermark();
        watermark = Optional.of(applied);
    }

    /** The device as stored before this poll. */
    Optional<Device> stored(String name) {
        Optional<Device> device = stored.get(name);
        if (device == null) {
            device = reads.get(Table.SOURCE_DEVICES, Keys.sourceDevice(hostKey, source, name)).map(StoredValues::device);
            stored.put(name, device);
        }
        return device;
    }

    /** The device as this poll leaves it. */
    Optional<Device> current(String name) {
        Optional<Device> device = changed.get(name);
        return device != null ? device : stored(name);
    }

    void upsert(Device device) {
        changed.put(device.name(), Optional.of(device));
    }

    void remove(String name) {
        changed.put(name, Optional.empty());
    }

    /** Replaces everything this source knew of the host: devices not listed are removed. */
    void replaceAll(List<Device> devices) {
        loadEverythingStored();
        Set<String> known = new HashSet<>();
        stored.forEach((name, device) -> device.ifPresent(d -> known.add(name)));
        changed.forEach((name, device) -> device.ifPresent(d -> known.add(name)));
        known.forEach(this::remove);
        devices.forEach(this::upsert);
    }

    private void loadEverythingStored() {
        if (everythingStoredLoaded) {
            return;
        }
        byte[] prefix = Keys.sourcePrefix(hostKey, source);
        reads.scan(Table.SOURCE_DEVICES, prefix, (key, value) ->
                stored.putIfAbsent(Keys.nameFrom(key, prefix.length), Optional.of(StoredValues.device(value))));
        everythingStoredLoaded = true;
    }

    /** Names this poll changed (or re-stated). */
    Set<String> touchedNames() {
        return changed.keySet();
    }

    /** Writes the changed devices and the watermark of this source. */
    void writeTo(WriteBatch batch, Store store) throws RocksDBException {
        for (Map.Entry<String, Optional<Device>> change : changed.entrySet()) {
            String name = change.getKey();
            Optional<Device> device = change.getValue();
            if (device.equals(stored(name))) {
                continue;
            }
            byte[] key = Keys.sourceDevice(hostKey, source, name);
            if (device.isPresent()) {
                batch.put(store.handle(Table.SOURCE_DEVICES), key, StoredValues.device(device.get()));
            } else {
                batch.delete(store.handle(Table.SOURCE_DEVICES), key);
            }
        }
        if (watermark != null && !watermark.equals(storedWatermark)) {
            batch.put(store.handle(Table.WATERMARKS), Keys.watermark(hostKey, source),
                    StoredValues.watermark(watermark.orElseThrow()));
        }
    }
}
