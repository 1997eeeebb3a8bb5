package io.nodedex.indexer;

import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.event.Source;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Key layouts of every {@link Table}. Numbers are big-endian so that RocksDB's byte order is
 * their unsigned numeric order. Host ids and device names are {@link SortKeys sort keys} where a
 * table is listed in their order (host ids in {@link String#compareTo} order, device names in
 * natural order), so a scan reads rows in the order the API lists them and a page starts with a
 * seek; a host id followed by more ends with a 0 byte, which no sort key holds. Elsewhere (the
 * per-source views) names are UTF-8 and last.
 */
final class Keys {

    static final int LONG = Long.BYTES;

    private Keys() {
    }

    static byte[] host(long hostKey) {
        return ByteBuffer.allocate(LONG).putLong(hostKey).array();
    }

    /**
     * {@code hk name}: a device of one host ({@link Table#DEVICES}, {@link Table#VPORT_PARENTS}),
     * the name as a {@link SortKeys#name natural sort key}, so a host's rows come in natural name
     * order.
     */
    static byte[] device(long hostKey, String name) {
        SortKeys.Writer out = new SortKeys.Writer(LONG + SortKeys.nameCapacity(name.length()));
        out.writeLong(hostKey);
        SortKeys.name(out, name);
        return out.toByteArray();
    }

    /** The device name of a {@link #device} key. */
    static String deviceName(byte[] key) {
        return new SortKeys.Reader(key, LONG).name();
    }

    /** {@code host}: a host id as a {@link SortKeys#text text sort key} ({@link Table#HOST_IDS}). */
    static byte[] hostId(String hostId) {
        SortKeys.Writer out = new SortKeys.Writer(hostId.length() + 1);
        SortKeys.text(out, hostId);
        return out.toByteArray();
    }

    static String hostIdOf(byte[] key) {
        return new SortKeys.Reader(key, 0).text();
    }

    /**
     * {@code host 0 name}: a device by host id, then natural name ({@link Table#VHBAS}); the
     * order of every datacenter-wide list of devices.
     */
    static byte[] hostDevice(String hostId, String name) {
        SortKeys.Writer out = new SortKeys.Writer(64);
        hostDevice(out, hostId, name);
        return out.toByteArray();
    }

    /** {@code host 0}: the prefix of one host's {@link #hostDevice} keys. */
    static byte[] hostPrefix(String hostId) {
        SortKeys.Writer out = new SortKeys.Writer(hostId.length() + 1);
        SortKeys.text(out, hostId);
        out.write(SortKeys.END);
        return out.toByteArray();
    }

    private static void hostDevice(SortKeys.Writer out, String hostId, String name) {
        SortKeys.text(out, hostId);
        out.write(SortKeys.END);
        SortKeys.name(out, name);
    }

    /** The device a {@link #hostDevice} layout names, read from {@code offset} on. */
    static DeviceRef hostDeviceAt(byte[] key, int offset) {
        SortKeys.Reader reader = new SortKeys.Reader(key, offset);
        return new DeviceRef(reader.text(), reader.name());
    }

    static byte[] sourcePrefix(long hostKey, Source source) {
        return ByteBuffer.allocate(LONG + 1).putLong(hostKey).put(code(source)).array();
    }

    static byte[] sourceDevice(long hostKey, Source source, String name) {
        byte[] nameBytes = utf8(name);
        return ByteBuffer.allocate(LONG + 1 + nameBytes.length)
                .putLong(hostKey).put(code(source)).put(nameBytes).array();
    }

    static byte[] watermark(long hostKey, Source source) {
        return sourcePrefix(hostKey, source);
    }

    /** {@code wwn host 0 name}: the layout of the single-WWN indexes, by WWN, then host id, then natural name. */
    static byte[] byWwn(long wwn, String hostId, String name) {
        SortKeys.Writer out = new SortKeys.Writer(64);
        out.writeLong(wwn);
        hostDevice(out, hostId, name);
        return out.toByteArray();
    }

    /** {@code wwnn wwpn host 0 name}. */
    static byte[] byWwnPair(long wwnn, long wwpn, String hostId, String name) {
        SortKeys.Writer out = new SortKeys.Writer(64);
        out.writeLong(wwnn);
        out.writeLong(wwpn);
        hostDevice(out, hostId, name);
        return out.toByteArray();
    }

    /**
     * {@code kind (1 host 0 name 0)... 0 message}: a finding ({@link Table#FINDINGS}), so that
     * findings sort as the audit lists them: by kind, then device by device (host id, then
     * natural name; a shorter list first), then by message. The key holds the whole finding.
     */
    static byte[] finding(Finding finding) {
        SortKeys.Writer out = new SortKeys.Writer(64);
        out.write(code(finding.kind()));
        for (DeviceRef device : finding.devices()) {
            out.write(1);
            hostDevice(out, device.host(), device.name());
            out.write(SortKeys.END);
        }
        out.write(SortKeys.END);
        SortKeys.text(out, finding.message());
        return out.toByteArray();
    }

    /** The finding a {@link #finding} key holds. */
    /** The kind of the finding a {@link #finding} key stores, read from its first byte alone. */
    static Finding.Kind findingKindOf(byte[] key) {
        if (key.length == 0) {
            throw new IllegalStateException("inconsistent indexer database: an empty finding key; rebuild it");
        }
        return kind(key[0] & 0xFF);
    }

    static Finding findingOf(byte[] key) {
        SortKeys.Reader reader = new SortKeys.Reader(key, 0);
        Finding.Kind kind = kind(reader.next());
        List<DeviceRef> devices = new ArrayList<>();
        while (reader.next() != SortKeys.END) {
            devices.add(new DeviceRef(reader.text(), reader.name()));
        }
        return new Finding(kind, reader.text(), devices);
    }

    /** {@code hk name 0}: the prefix of one device's {@link Table#DEVICE_HISTORY} keys. */
    static byte[] historyPrefix(long hostKey, String name) {
        return historyPrefix(device(hostKey, name));
    }

    /** The {@link #historyPrefix} of the device whose {@link #device} key is {@code deviceKey}. */
    static byte[] historyPrefix(byte[] deviceKey) {
        byte[] prefix = Arrays.copyOf(deviceKey, deviceKey.length + 1);
        prefix[deviceKey.length] = (byte) SortKeys.END;
        return prefix;
    }

    /** {@code hk name 0 time version}: one version of a device ({@link Table#DEVICE_HISTORY}). */
    static byte[] deviceVersion(long hostKey, String name, long micros, long version) {
        return deviceVersion(device(hostKey, name), micros, version);
    }

    /** The {@link #deviceVersion} key of the device whose {@link #device} key is {@code deviceKey}. */
    static byte[] deviceVersion(byte[] deviceKey, long micros, long version) {
        return ByteBuffer.allocate(deviceKey.length + 1 + 2 * LONG).put(deviceKey).put((byte) SortKeys.END)
                .putLong(micros).putLong(version).array();
    }

    /** The time of a {@link #deviceVersion} key, in microseconds. */
    static long versionMicros(byte[] key) {
        return longAt(key, key.length - 2 * LONG);
    }

    /** The number of a {@link #deviceVersion} key. */
    static long versionNumber(byte[] key) {
        return longAt(key, key.length - LONG);
    }

    /**
     * {@code wwpn time host 0 name 0 version}: one version of the fc_host that held the port
     * name then ({@link Table#WWPN_HISTORY}).
     */
    static byte[] wwpnVersion(long wwpn, long micros, String hostId, String name, long version) {
        SortKeys.Writer out = new SortKeys.Writer(64);
        out.writeLong(wwpn);
        out.writeLong(micros);
        hostDevice(out, hostId, name);
        out.write(SortKeys.END);
        out.writeLong(version);
        return out.toByteArray();
    }

    /** The device a {@link #wwpnVersion} key names. */
    static DeviceRef wwpnVersionDevice(byte[] key) {
        return hostDeviceAt(key, 2 * LONG);
    }

    /** The single {@link Table#HISTORY_HORIZON} key. */
    static byte[] historyHorizon() {
        return new byte[] {0};
    }

    /** {@code kind}: a {@link Table#FINDING_COUNTS} key. */
    static byte[] findingCount(Finding.Kind kind) {
        return new byte[] {code(kind)};
    }

    static byte[] longs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * LONG);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    static byte[] partition(int partition) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
    }

    static int partitionOf(byte[] key) {
        return ByteBuffer.wrap(key).getInt();
    }

    static long longAt(byte[] key, int index) {
        return ByteBuffer.wrap(key).getLong(index);
    }

    /** The device name that ends a key, after {@code offset} fixed-width bytes. */
    static String nameFrom(byte[] key, int offset) {
        return new String(key, offset, key.length - offset, StandardCharsets.UTF_8);
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stable one-byte codes of the kinds of findings, independent of the enum's declaration order
     * but in the same order, since findings are listed by kind.
     */
    static byte code(Finding.Kind kind) {
        switch (kind) {
            case DUPLICATE_WWPN:
                return 1;
            case VHBA_WITHOUT_PARENT:
                return 2;
            case PARENT_OVER_CAPACITY:
                return 3;
            case FABRIC_MISMATCH:
                return 4;
            case VPORT_COUNT_MISMATCH:
                return 5;
            default:
                throw new IllegalArgumentException("no key code for finding kind " + kind);
        }
    }

    private static Finding.Kind kind(int code) {
        for (Finding.Kind kind : Finding.Kind.values()) {
            if (code(kind) == code) {
                return kind;
            }
        }
        throw new IllegalStateException("inconsistent indexer database: unknown finding kind code " + code
                + "; rebuild it");
    }

    /** Stable one-byte codes, independent of the enum's declaration order. */
    private static byte code(Source source) {
        switch (source) {
            case LIBVIRT:
                return 1;
            case UDEV:
                return 2;
            default:
                throw new IllegalArgumentException("no key code for source " + source);
        }
    }

    /** {@code requestId 0 host}: a vHBA request ({@link Table#VHBA_REQUESTS}). */
    static byte[] vhbaRequest(String requestId, String hostId) {
        return concat(vhbaRequestPrefix(requestId), hostId.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code requestId 0}: the prefix of a request id's {@link #vhbaRequest} keys, one per host. */
    static byte[] vhbaRequestPrefix(String requestId) {
        return concat(requestId.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    /** {@code hk requestId}: an open request of a host ({@link Table#VHBA_OPEN}). */
    static byte[] vhbaOpen(long hostKey, String requestId) {
        return concat(host(hostKey), requestId.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
