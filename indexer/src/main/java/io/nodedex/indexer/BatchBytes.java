package io.nodedex.indexer;

import java.util.List;
import org.rocksdb.WriteBatch;

/**
 * Rows as a RocksDB write batch in its serialized form: the form {@link WriteBatch#data()}
 * returns and {@link WriteBatch#WriteBatch(byte[])} takes (RocksDB's {@code write_batch.cc}, the
 * form its write-ahead log stores). A twelve-byte header (a sequence number, left 0, and the count
 * of records, both little-endian), then each row as one record: a type byte, the column family's
 * id (omitted for the default family), the key and, for a put, the value, the id and lengths as
 * varint32s.
 *
 * <p>Why: handing RocksDB a batch row by row ({@code WriteBatch.put}) costs a JNI call and two
 * array copies per row, on the thread that writes. Serialized, each host's rows become one array on
 * the workers while the batch before is written, and the writer hands RocksDB one array per
 * batch. The bytes are equal to those {@code WriteBatch.put} and {@code delete} make
 * ({@code BatchBytesTest}). Pure; thread-safe.
 */
final class BatchBytes {

    /** The serialized records of some rows, without the header. */
    record Records(byte[] bytes, int count) {
    }

    private static final int HEADER = 12;
    private static final int DELETION = 0x0;
    private static final int VALUE = 0x1;
    private static final int COLUMN_FAMILY_DELETION = 0x4;
    private static final int COLUMN_FAMILY_VALUE = 0x5;

    /** The id of a table's column family in the store the rows are for. */
    interface ColumnFamilies {
        int idOf(Table table);
    }

    private BatchBytes() {
    }

    /** Serializes {@code rows}, in order. */
    static Records records(List<Row> rows, ColumnFamilies families) {
        int size = 0;
        for (Row row : rows) {
            size += recordSize(row, families.idOf(row.table()));
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (Row row : rows) {
            at = append(bytes, at, row, families.idOf(row.table()));
        }
        return new Records(bytes, rows.size());
    }

    /** The batch of {@code parts}' records, in order. */
    static WriteBatch batch(List<Records> parts) {
        long count = 0;
        int size = HEADER;
        for (Records part : parts) {
            count += part.count();
            size = Math.addExact(size, part.bytes().length);
        }
        if (count > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a write batch holds at most 2^32 - 1 records, not " + count);
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[Long.BYTES + i] = (byte) (count >>> (Byte.SIZE * i));
        }
        int at = HEADER;
        for (Records part : parts) {
            System.arraycopy(part.bytes(), 0, bytes, at, part.bytes().length);
            at += part.bytes().length;
        }
        return new WriteBatch(bytes);
    }

    private static int recordSize(Row row, int family) {
        int size = 1 + (family == 0 ? 0 : varintSize(family)) + varintSize(row.key().length) + row.key().length;
        return row.delete() ? size : size + varintSize(row.value().length) + row.value().length;
    }

    private static int append(byte[] bytes, int at, Row row, int family) {
        if (family == 0) {
            bytes[at++] = (byte) (row.delete() ? DELETION : VALUE);
        } else {
            bytes[at++] = (byte) (row.delete() ? COLUMN_FAMILY_DELETION : COLUMN_FAMILY_VALUE);
            at = varint(bytes, at, family);
        }
        at = lengthPrefixed(bytes, at, row.key());
        return row.delete() ? at : lengthPrefixed(bytes, at, row.value());
    }

    private static int lengthPrefixed(byte[] bytes, int at, byte[] data) {
        at = varint(bytes, at, data.length);
        System.arraycopy(data, 0, bytes, at, data.length);
        return at + data.length;
    }

    private static int varintSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static int varint(byte[] bytes, int at, int value) {
        while ((value & ~0x7F) != 0) {
            bytes[at++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        bytes[at++] = (byte) value;
        return at;
    }
}
