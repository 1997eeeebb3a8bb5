package io.nodedex.indexer;

import io.nodedex.device.Device;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One host's share of a poll in {@link Table#DEVICE_HISTORY} and {@link Table#WWPN_HISTORY}
 * (docs/design.md, "History is state"): every merged version of every device the poll's events
 * made, event by event, so the versions never depend on how polls are cut; and the pruning of
 * versions older than the retention before the device's newest.
 *
 * <p>A version's time is the {@code observedAt} of the event that made it, but never before the
 * device's version before (an agent's clock that steps back cannot reorder a device's history);
 * its number counts the device's versions. Pruning keeps the version in effect at the
 * retention's start and everything after it, so any time from the oldest kept version on has an
 * answer. Both are functions of the device's own versions alone, so every replica, however it cut
 * its polls, holds the same rows.
 *
 * <p>Confined to one thread at a time.
 */
final class DeviceHistory {

    private static final byte[] NO_DEVICE = new byte[0];
    private static final int POSITION_BYTES = Integer.BYTES + Long.BYTES;
    /** The {@link Head#secondMicros} of a device with one version: nothing to prune yet. */
    private static final long NONE = Long.MAX_VALUE;

    private final Store.ReadView reads;
    private final long hostKey;
    private final String hostId;
    private final long retentionMicros;
    private final Map<String, Versions> devices = new LinkedHashMap<>();
    /** The heads read so far, by device name (empty: none stored). */
    private final Map<String, Optional<Head>> heads = new HashMap<>();
    private boolean everyHeadLoaded;
    private Optional<Instant> keptFrom = Optional.empty();
    private final Map<Integer, Long> prunedChanges = new HashMap<>();

    DeviceHistory(Store.ReadView reads, long hostKey, String hostId, Duration retention) {
        this.reads = reads;
        this.hostKey = hostKey;
        this.hostId = hostId;
        this.retentionMicros = retention.toNanos() / 1000;
    }

    /**
     * A new version of device {@code name}: {@code device}, or none when it went; {@code previous}
     * is the version before it (none when the device did not exist).
     */
    void record(String name, Instant observedAt, LogPosition position, Optional<StoredDevice> device,
            Optional<StoredDevice> previous) {
        Change.Kind kind = previous.isEmpty() ? Change.Kind.ADDED
                : device.isEmpty() ? Change.Kind.REMOVED : Change.Kind.CHANGED;
        long wwpn = device.or(() -> previous).map(StoredDevice::wwpn).orElseGet(OptionalLong::empty).orElse(0L);
        devices.computeIfAbsent(name, this::versions).add(micros(observedAt), position, device, kind, wwpn);
    }

    /**
     * The rows of this poll's versions and heads, with the pruned versions deleted. Sets
     * {@link #keptFrom()} when a device's history was pruned.
     */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        devices.values().forEach(versions -> versions.rows(rows));
        firstVersionRow().ifPresent(rows::add);
        return rows;
    }

    /** The host's {@link Table#HISTORY_HOSTS} row when these are its first versions of any device. */
    private Optional<Row> firstVersionRow() {
        return devices.isEmpty() || hostHasHistory() ? Optional.empty()
                : Optional.of(Row.put(Table.HISTORY_HOSTS, Keys.hostId(hostId), NO_DEVICE));
    }

    /** The oldest version kept of a device this poll pruned, the latest such; empty when none was pruned. */
    Optional<Instant> keptFrom() {
        return keptFrom;
    }

    /** For each partition, the largest offset of a change this poll pruned (see {@link Table#CHANGES_HORIZON}). */
    Map<Integer, Long> prunedChanges() {
        return prunedChanges;
    }

    /**
     * Loads every stored head of the host with one prefix scan: cheaper than a point read per
     * device once a poll versions many devices of the host (a snapshot). Otherwise each device's
     * head is read alone, when its first version is recorded.
     */
    void loadEveryHead() {
        if (everyHeadLoaded) {
            return;
        }
        reads.scan(Table.HISTORY_HEADS, Keys.host(hostKey), (key, value) ->
                heads.putIfAbsent(Keys.deviceName(key), Optional.of(Head.of(value))));
        everyHeadLoaded = true;
    }

    /** The device's versions, starting from its stored head. */
    private Versions versions(String name) {
        byte[] key = Keys.device(hostKey, name);
        Optional<Head> head = everyHeadLoaded ? heads.getOrDefault(name, Optional.empty())
                : heads.computeIfAbsent(name, n -> reads.get(Table.HISTORY_HEADS, key).map(Head::of));
        return new Versions(name, key, head);
    }

    /**
     * The {@link Keys#device} key of device {@code name}: made once for every device with a
     * version in this poll, whose rows all extend it.
     */
    byte[] deviceKey(String name) {
        Versions versions = devices.get(name);
        return versions != null ? versions.key : Keys.device(hostKey, name);
    }

    /** Whether any device of the host has a stored version (then it has a {@link Table#HISTORY_HOSTS} row). */
    private boolean hostHasHistory() {
        if (heads.values().stream().anyMatch(Optional::isPresent)) {
            return true;
        }
        if (everyHeadLoaded) {
            return false;
        }
        boolean[] found = {false};
        byte[] prefix = Keys.host(hostKey);
        reads.scan(Table.HISTORY_HEADS, prefix, prefix, (key, value) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /**
     * What the versions of a device need to know of its stored ones without reading them (a row of
     * {@link Table#HISTORY_HEADS}): the newest version's time and number, the time of the
     * second oldest ({@link #NONE} when there is one version), the first time pruning may remove
     * the oldest, and whether the retention ever pruned one (then what came before the oldest kept
     * is not known).
     */
    private record Head(long lastMicros, long lastNumber, long secondMicros, boolean pruned) {
        static Head of(byte[] value) {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            return new Head(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong() != 0);
        }

        byte[] value() {
            return Keys.longs(lastMicros, lastNumber, secondMicros, pruned ? 1 : 0);
        }
    }

    /** Whether the retention pruned versions of the device whose {@link Table#HISTORY_HEADS} row this is. */
    static boolean pruned(byte[] headValue) {
        return Head.of(headValue).pruned();
    }

    /** One version: its time, number and device, and whether it is stored already. */
    private record Version(long micros, long number, LogPosition position, Optional<StoredDevice> device,
            Change.Kind kind, long changeWwpn, byte[] storedValue) {
        static Version stored(byte[] key, byte[] value) {
            return new Version(Keys.versionMicros(key), Keys.versionNumber(key),
                    new LogPosition(ByteBuffer.wrap(value).getInt(), ByteBuffer.wrap(value).getLong(Integer.BYTES)),
                    storedDeviceOf(value), Change.Kind.CHANGED, 0, value);
        }

        boolean isStored() {
            return storedValue != null;
        }

        OptionalLong wwpn() {
            return device.map(StoredDevice::wwpn).orElseGet(OptionalLong::empty);
        }
    }

    /** A device's versions: what its head says of the stored ones, then this poll's. */
    private final class Versions {
        private final String name;
        private final Optional<Head> head;
        /** The device's {@link Keys#device} key, which every key of its history extends. */
        private final byte[] key;
        private final List<Version> added = new ArrayList<>();

        Versions(String name, byte[] key, Optional<Head> head) {
            this.name = name;
            this.key = key;
            this.head = head;
        }

        void add(long observedMicros, LogPosition position, Optional<StoredDevice> device, Change.Kind kind,
                long wwpn) {
            Version last = added.isEmpty() ? null : added.get(added.size() - 1);
            long lastMicros = last != null ? last.micros() : head.map(Head::lastMicros).orElse(Long.MIN_VALUE);
            long number = last != null ? last.number() + 1 : head.map(h -> h.lastNumber() + 1).orElse(0L);
            added.add(new Version(Math.max(observedMicros, lastMicros), number, position, device, kind, wwpn, null));
        }

        void rows(List<Row> rows) {
            long start = added.get(added.size() - 1).micros() - retentionMicros;
            long second = secondMicros();
            if (second <= start) {
                prune(rows, start);
                return;
            }
            added.forEach(version -> put(rows, version));
            Version last = added.get(added.size() - 1);
            rows.add(Row.put(Table.HISTORY_HEADS, key,
                    new Head(last.micros(), last.number(), second, head.map(Head::pruned).orElse(false)).value()));
        }

        /** The time of the second oldest version, stored or added; {@link #NONE} when there is one. */
        private long secondMicros() {
            if (head.isEmpty()) {
                return added.size() > 1 ? added.get(1).micros() : NONE;
            }
            return head.get().secondMicros() != NONE ? head.get().secondMicros() : added.get(0).micros();
        }

        /**
         * Reads the stored versions, keeps the one in effect when the retention starts and
         * everything after it, and deletes the rest.
         */
        private void prune(List<Row> rows, long start) {
            List<Version> all = new ArrayList<>();
            reads.scan(Table.DEVICE_HISTORY, Keys.historyPrefix(key),
                    (versionKey, value) -> all.add(Version.stored(versionKey, value)));
            all.addAll(added);
            int kept = 0;
            for (int i = 0; i < all.size() && all.get(i).micros() <= start; i++) {
                kept = i;
            }
            for (int i = 0; i < all.size(); i++) {
                Version version = all.get(i);
                if (i < kept) {
                    // a version made and pruned within this poll was never written, but its change is gone alike
                    prunedChanges.merge(version.position().partition(), version.position().offset(), Math::max);
                }
                if (i < kept && version.isStored()) {
                    rows.add(Row.delete(Table.DEVICE_HISTORY, versionKey(version)));
                    rows.add(Row.delete(Table.CHANGES, ChangeRows.deviceKey(version.position(), key)));
                    version.wwpn().ifPresent(w -> rows.add(Row.delete(Table.WWPN_HISTORY, wwpnKey(w, version))));
                } else if (i >= kept && !version.isStored()) {
                    put(rows, version);
                }
            }
            Version last = all.get(all.size() - 1);
            long newSecond = kept + 1 < all.size() ? all.get(kept + 1).micros() : NONE;
            rows.add(Row.put(Table.HISTORY_HEADS, key,
                    new Head(last.micros(), last.number(), newSecond, true).value()));
            Instant from = instant(all.get(kept).micros());
            keptFrom = keptFrom.filter(k -> k.isAfter(from)).or(() -> Optional.of(from));
        }

        private void put(List<Row> rows, Version version) {
            byte[] encoded = version.device().map(StoredDevice::bytes).orElse(NO_DEVICE);
            byte[] value = ByteBuffer.allocate(POSITION_BYTES + encoded.length)
                    .putInt(version.position().partition()).putLong(version.position().offset()).put(encoded).array();
            rows.add(Row.put(Table.DEVICE_HISTORY, versionKey(version), value));
            rows.add(Row.put(Table.CHANGES, ChangeRows.deviceKey(version.position(), key),
                    ChangeRows.deviceValue(version.kind(), instant(version.micros()), version.changeWwpn(), hostId, name)));
            version.wwpn().ifPresent(w -> rows.add(Row.put(Table.WWPN_HISTORY, wwpnKey(w, version), NO_DEVICE)));
        }

        private byte[] versionKey(Version version) {
            return Keys.deviceVersion(key, version.micros(), version.number());
        }

        private byte[] wwpnKey(long wwpn, Version version) {
            return Keys.wwpnVersion(wwpn, version.micros(), hostId, name, version.number());
        }
    }

    /** The device a {@link Table#DEVICE_HISTORY} value holds; empty when the device went. */
    static Optional<Device> deviceOf(byte[] value) {
        return storedDeviceOf(value).map(StoredDevice::device);
    }

    private static Optional<StoredDevice> storedDeviceOf(byte[] value) {
        return value.length == POSITION_BYTES ? Optional.empty()
                : Optional.of(StoredDevice.decoded(Arrays.copyOfRange(value, POSITION_BYTES, value.length)));
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
