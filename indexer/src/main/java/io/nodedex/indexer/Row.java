package io.nodedex.indexer;

/**
 * One change of a write batch: a put, or (when {@code delete}) a delete of {@code key}. Rows of
 * one key keep their order; rows of different keys commute.
 */
record Row(Table table, byte[] key, byte[] value, boolean delete) {

    private static final byte[] NONE = new byte[0];

    static Row put(Table table, byte[] key, byte[] value) {
        return new Row(table, key, value, false);
    }

    static Row delete(Table table, byte[] key) {
        return new Row(table, key, NONE, true);
    }
}
