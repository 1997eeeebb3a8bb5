package io.nodedex.indexer;

import io.nodedex.event.Source;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layouts of every {@link Table}. Numbers are big-endian so that RocksDB's byte order is
 * their unsigned numeric order; names are UTF-8 and always last, so the fixed-width parts before
 * them make every prefix scan exact.
 */
final class Keys {

    static final int LONG = Long.BYTES;

    private Keys() {
    }

    static byte[] host(long hostKey) {
        return ByteBuffer.allocate(LONG).putLong(hostKey).array();
    }

    static byte[] device(long hostKey, String name) {
        byte[] nameBytes = utf8(name);
        return ByteBuffer.allocate(LONG + nameBytes.length).putLong(hostKey).put(nameBytes).array();
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

    /** {@code wwn hk name}: the layout of the single-WWN indexes. */
    static byte[] byWwn(long wwn, long hostKey, String name) {
        byte[] nameBytes = utf8(name);
        return ByteBuffer.allocate(2 * LONG + nameBytes.length)
                .putLong(wwn).putLong(hostKey).put(nameBytes).array();
    }

    /** {@code wwnn wwpn hk name}. */
    static byte[] byWwnPair(long wwnn, long wwpn, long hostKey, String name) {
        byte[] nameBytes = utf8(name);
        return ByteBuffer.allocate(3 * LONG + nameBytes.length)
                .putLong(wwnn).putLong(wwpn).putLong(hostKey).put(nameBytes).array();
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
}
