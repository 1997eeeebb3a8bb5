package io.nodedex.indexer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The rows of {@link Table#CHANGES} and {@link Table#CHANGES_HORIZON} (docs/design.md, "Watching
 * changes"). A change's key is {@code partition offset hk [name]}: the log position of the record
 * that made it, then the host and device, so the feed of one partition is a scan in log order and
 * the changes of one record come in a fixed order. Its value is {@code kind scope time wwpn host
 * 0 name}. Stateless.
 */
final class ChangeRows {

    private static final int POSITION = Integer.BYTES + Long.BYTES;
    private static final int HOST_KEY_AT = POSITION;
    private static final byte DEVICE = 0;
    private static final byte HOST = 1;
    private static final int WWPN_AT = 2 + Long.BYTES;
    private static final int TEXT_AT = WWPN_AT + Long.BYTES;

    private ChangeRows() {
    }

    /** The key of the change a record at {@code position} made to device {@code name} of a host. */
    /**
     * The key of the change a record at {@code position} made to the device whose
     * {@link Keys#device} key is {@code deviceKey}.
     */
    static byte[] deviceKey(LogPosition position, byte[] deviceKey) {
        return ByteBuffer.allocate(POSITION + deviceKey.length).putInt(position.partition())
                .putLong(position.offset()).put(deviceKey).array();
    }

    /** The key of the change a record at {@code position} made to a host itself. */
    static byte[] hostKey(LogPosition position, long hostKey) {
        return ByteBuffer.allocate(POSITION + Long.BYTES).putInt(position.partition()).putLong(position.offset())
                .putLong(hostKey).array();
    }

    /** Where one partition's changes start, from {@code offset} on. */
    static byte[] from(int partition, long offset) {
        return ByteBuffer.allocate(POSITION).putInt(partition).putLong(offset).array();
    }

    static byte[] partitionPrefix(int partition) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
    }

    static long offsetOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong(Integer.BYTES);
    }

    static long hostKeyOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong(HOST_KEY_AT);
    }

    /** A device's change; {@code wwpn} is 0 for a device that is no fc_host. */
    static byte[] deviceValue(Change.Kind kind, Instant time, long wwpn, String hostId, String name) {
        return value(kind, DEVICE, time, wwpn, hostId, name);
    }

    static byte[] hostValue(Change.Kind kind, Instant time, String hostId) {
        return value(kind, HOST, time, 0, hostId, "");
    }

    private static byte[] value(Change.Kind kind, byte scope, Instant time, long wwpn, String hostId, String name) {
        byte[] host = hostId.getBytes(StandardCharsets.UTF_8);
        byte[] device = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(TEXT_AT + host.length + 1 + device.length).put(kind.code()).put(scope)
                .putLong(DeviceHistory.micros(time)).putLong(wwpn).put(host).put((byte) 0).put(device).array();
    }

    /** The port name a change's value names; 0 when none. */
    static long wwpnOf(byte[] value) {
        return ByteBuffer.wrap(value).getLong(WWPN_AT);
    }

    static Instant timeOf(byte[] value) {
        return DeviceHistory.instant(ByteBuffer.wrap(value).getLong(2));
    }

    /** The change a row holds, with the cursor just after it. */
    static Change change(byte[] value, ChangeCursor after) {
        int zero = TEXT_AT;
        while (value[zero] != 0) {
            zero++;
        }
        String hostId = new String(value, TEXT_AT, zero - TEXT_AT, StandardCharsets.UTF_8);
        Optional<String> name = value[1] == HOST ? Optional.empty()
                : Optional.of(new String(value, zero + 1, value.length - zero - 1, StandardCharsets.UTF_8));
        return new Change(after, timeOf(value), hostId, name, Change.Kind.of(value[0]));
    }

    /** The {@link Table#CHANGES_HORIZON} key of a partition. */
    static byte[] horizonKey(int partition) {
        return partitionPrefix(partition);
    }
}
