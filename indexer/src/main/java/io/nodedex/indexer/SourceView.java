package io.nodedex.indexer;

import io.nodedex.event.Source;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one source says about one host's devices during one poll: the stored view, loaded
 * lazily (a point read per device name; one prefix scan only when a snapshot arrives) and kept
 * as bytes until a merge needs the device, and the changes this poll made on top of it. The cost
 * of an event is proportional to its size, never to the host's.
 *
 * <p>Confined to one thread at a time.
 */
final class SourceView {

    private final Store.ReadView reads;
    private final long hostKey;
    private final Source source;
    private final Map<String, Optional<byte[]>> stored = new HashMap<>();
    private final Map<String, StoredDevice> decoded = new HashMap<>();
    private final Map<String, Optional<StoredDevice>> changed = new HashMap<>();
    private boolean everythingStoredLoaded;
    private Optional<Watermark> storedWatermark;
    private Optional<Watermark> watermark;

    /**
     * @param devicesStored whether the host may have stored devices: false for a host without a
     *     stored record, which has none (see {@link HostBatch}), so nothing is read for them
     */
    SourceView(Store.ReadView reads, long hostKey, Source source, boolean devicesStored) {
        this.reads = reads;
        this.hostKey = hostKey;
        this.source = source;
        this.everythingStoredLoaded = !devicesStored;
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

    /** Drops the watermark: the next event of this host and source applies whatever its number. */
    void forgetWatermark() {
        watermark();
        watermark = Optional.empty();
    }

    private Optional<byte[]> storedBytes(String name) {
        Optional<byte[]> bytes = stored.get(name);
        if (bytes == null) {
            bytes = everythingStoredLoaded ? Optional.empty()
                    : reads.get(Table.SOURCE_DEVICES, Keys.sourceDevice(hostKey, source, name));
            stored.put(name, bytes);
        }
        return bytes;
    }

    /** The device as stored before this poll. */
    Optional<StoredDevice> stored(String name) {
        return storedBytes(name).map(bytes -> decoded.computeIfAbsent(name, n -> StoredDevice.decoded(bytes)));
    }

    /** The device as this poll leaves it. */
    Optional<StoredDevice> current(String name) {
        Optional<StoredDevice> device = changed.get(name);
        return device != null ? device : stored(name);
    }

    void upsert(StoredDevice device) {
        changed.put(device.device().name(), Optional.of(device));
    }

    void remove(String name) {
        changed.put(name, Optional.empty());
    }

    /**
     * Replaces everything this source knew of the host: devices not listed are removed.
     *
     * @return the names of the devices it knew and of those listed
     */
    Set<String> replaceAll(List<StoredDevice> devices) {
        loadEverythingStored();
        Set<String> known = new HashSet<>();
        stored.forEach((name, bytes) -> bytes.ifPresent(b -> known.add(name)));
        changed.forEach((name, device) -> device.ifPresent(d -> known.add(name)));
        known.forEach(this::remove);
        devices.forEach(this::upsert);
        Set<String> touched = new HashSet<>(known);
        devices.forEach(device -> touched.add(device.device().name()));
        return touched;
    }

    /**
     * Loads everything stored for this source and host with one prefix scan: cheaper than a
     * point read per name once a poll touches many names.
     */
    void loadEverythingStored() {
        if (everythingStoredLoaded) {
            return;
        }
        byte[] prefix = Keys.sourcePrefix(hostKey, source);
        reads.scan(Table.SOURCE_DEVICES, prefix, (key, value) ->
                stored.putIfAbsent(Keys.nameFrom(key, prefix.length), Optional.of(value)));
        everythingStoredLoaded = true;
    }

    /** Every name this source reports as the poll leaves it (loads everything stored first). */
    Set<String> knownNames() {
        loadEverythingStored();
        Set<String> names = new HashSet<>();
        stored.forEach((name, bytes) -> bytes.ifPresent(b -> names.add(name)));
        changed.forEach((name, device) -> {
            if (device.isPresent()) {
                names.add(name);
            } else {
                names.remove(name);
            }
        });
        return names;
    }

    /** Names this poll changed (or re-stated). */
    Set<String> touchedNames() {
        return changed.keySet();
    }

    /**
     * Whether this poll really changed the device: a re-stated device whose stored form is the
     * stored bytes is unchanged, and needs no decoding to tell (equal devices have equal stored
     * forms when Avro's encoder wrote their events, see docs/design.md, "Idempotent apply").
     */
    boolean changes(String name) {
        Optional<StoredDevice> device = changed.get(name);
        if (device == null) {
            return false;
        }
        Optional<byte[]> before = storedBytes(name);
        if (device.isEmpty() || before.isEmpty()) {
            return device.isPresent() != before.isPresent();
        }
        return !Arrays.equals(device.get().bytes(), before.get());
    }

    /** The row that stores the device as this poll leaves it, when {@link #changes changed}. */
    Row row(String name) {
        byte[] key = Keys.sourceDevice(hostKey, source, name);
        return current(name).map(device -> Row.put(Table.SOURCE_DEVICES, key, device.bytes()))
                .orElseGet(() -> Row.delete(Table.SOURCE_DEVICES, key));
    }

    /** The watermark row (a put, or a delete once forgotten), when this poll moved it. */
    Optional<Row> watermarkRow() {
        if (watermark == null || watermark.equals(storedWatermark)) {
            return Optional.empty();
        }
        byte[] key = Keys.watermark(hostKey, source);
        return Optional.of(watermark.map(applied -> Row.put(Table.WATERMARKS, key, StoredValues.watermark(applied)))
                .orElseGet(() -> Row.delete(Table.WATERMARKS, key)));
    }
}
