package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private final Store.ReadView reads;
    private final long hostKey;
    private final String hostId;
    private final long retentionMicros;
    private final Map<String, Versions> devices = new LinkedHashMap<>();
    private Optional<Instant> keptFrom = Optional.empty();

    DeviceHistory(Store.ReadView reads, long hostKey, String hostId, Duration retention) {
        this.reads = reads;
        this.hostKey = hostKey;
        this.hostId = hostId;
        this.retentionMicros = retention.toNanos() / 1000;
    }

    /** A new version of device {@code name}: {@code device}, or none when it went. */
    void record(String name, Instant observedAt, LogPosition position, Optional<Device> device) {
        devices.computeIfAbsent(name, this::load).add(micros(observedAt), position, device);
    }

    /**
     * The rows of this poll's versions, with the pruned ones deleted. Sets {@link #keptFrom()}
     * when a device's history was pruned.
     */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        devices.values().forEach(versions -> versions.rows(rows));
        return rows;
    }

    /** The oldest version kept of a device this poll pruned, the latest such; empty when none was pruned. */
    Optional<Instant> keptFrom() {
        return keptFrom;
    }

    private Versions load(String name) {
        List<Version> stored = new ArrayList<>();
        reads.scan(Table.DEVICE_HISTORY, Keys.historyPrefix(hostKey, name),
                (key, value) -> stored.add(new Version(key, Keys.versionMicros(key), value, true)));
        return new Versions(name, stored);
    }

    /** One version: its key, time and stored value, and whether it is stored already. */
    private record Version(byte[] key, long micros, byte[] value, boolean stored) {
        Optional<Long> wwpn() {
            return value.length == POSITION_BYTES ? Optional.empty()
                    : device(value).fcHost().map(FcHost::wwpn).map(w -> w.value());
        }
    }

    /** A device's versions: the stored ones, then this poll's. */
    private final class Versions {
        private final String name;
        private final List<Version> all;

        Versions(String name, List<Version> stored) {
            this.name = name;
            this.all = stored;
        }

        void add(long observedMicros, LogPosition position, Optional<Device> device) {
            Version last = all.isEmpty() ? null : all.get(all.size() - 1);
            long micros = last == null ? observedMicros : Math.max(observedMicros, last.micros());
            long number = last == null ? 0 : Keys.versionNumber(last.key()) + 1;
            byte[] key = Keys.deviceVersion(hostKey, name, micros, number);
            all.add(new Version(key, micros, value(position, device), false));
        }

        private byte[] value(LogPosition position, Optional<Device> device) {
            byte[] encoded = device.map(StoredValues::device).orElse(NO_DEVICE);
            return ByteBuffer.allocate(POSITION_BYTES + encoded.length).putInt(position.partition())
                    .putLong(position.offset()).put(encoded).array();
        }

        void rows(List<Row> rows) {
            int kept = firstKept();
            for (int i = 0; i < all.size(); i++) {
                Version version = all.get(i);
                if (i < kept && version.stored()) {
                    rows.add(Row.delete(Table.DEVICE_HISTORY, version.key()));
                    version.wwpn().ifPresent(w -> rows.add(Row.delete(Table.WWPN_HISTORY, wwpnKey(w, version))));
                } else if (i >= kept && !version.stored()) {
                    rows.add(Row.put(Table.DEVICE_HISTORY, version.key(), version.value()));
                    version.wwpn().ifPresent(w -> rows.add(Row.put(Table.WWPN_HISTORY, wwpnKey(w, version), NO_DEVICE)));
                }
            }
            if (kept > 0) {
                Instant from = instant(all.get(kept).micros());
                keptFrom = keptFrom.filter(k -> k.isAfter(from)).or(() -> Optional.of(from));
            }
        }

        /** The version in effect when the retention starts, before the newest version. */
        private int firstKept() {
            long start = all.get(all.size() - 1).micros() - retentionMicros;
            int kept = 0;
            for (int i = 0; i < all.size() && all.get(i).micros() <= start; i++) {
                kept = i;
            }
            return kept;
        }

        private byte[] wwpnKey(long wwpn, Version version) {
            return Keys.wwpnVersion(wwpn, version.micros(), hostId, name, Keys.versionNumber(version.key()));
        }
    }

    /** The device a {@link Table#DEVICE_HISTORY} value holds; empty when the device went. */
    static Optional<Device> deviceOf(byte[] value) {
        return value.length == POSITION_BYTES ? Optional.empty() : Optional.of(device(value));
    }

    private static Device device(byte[] value) {
        return StoredValues.device(Arrays.copyOfRange(value, POSITION_BYTES, value.length));
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
