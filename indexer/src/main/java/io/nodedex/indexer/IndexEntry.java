package io.nodedex.indexer;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** One secondary-index row: a key and value in one of the index {@link Table tables}. */
record IndexEntry(Table table, byte[] key, byte[] value) {

    private static final byte[] EMPTY = new byte[0];

    IndexEntry {
        Objects.requireNonNull(table, "table");
        key = key.clone();
        value = value.clone();
    }

    static IndexEntry keyOnly(Table table, byte[] key) {
        return new IndexEntry(table, key, EMPTY);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexEntry entry && table == entry.table
                && Arrays.equals(key, entry.key) && Arrays.equals(value, entry.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * table.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return table + "[" + hex.formatHex(key) + " -> " + hex.formatHex(value) + "]";
    }
}
