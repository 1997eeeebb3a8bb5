package io.nodedex.indexer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A canonical SHA-256 digest of an indexer's folded state: every table except the consumed
 * offsets (which legitimately differ with the partition count), each read in key order, so it
 * does not depend on the order anything was written in. Two replicas of the same log, or a
 * replica and a rebuild, have the same digest exactly when their tables hold the same bytes.
 *
 * <p>Format: for each state table in a fixed order, its column-family name, then every row as
 * (key length, key, value length, value), then the row count; lengths and counts are big-endian
 * 32- and 64-bit numbers.
 */
public final class StateDigest {

    private StateDigest() {
    }

    /**
     * The digest of the indexer database in {@code dataDirectory}, as 64 lower-case hex digits.
     * Opens the database read-only, so a running indexer may keep writing it: the digest is then
     * of the state its last flush wrote, a consistent state of some recent batch.
     *
     * @throws IllegalArgumentException when the directory holds no indexer database
     */
    public static String of(Path dataDirectory) {
        try (Store store = Store.openReadOnly(dataDirectory); Store.ReadView view = store.readView(true)) {
            return of(view);
        }
    }

    /**
     * As {@link #of(Path)}, of the current state alone, without the history tables: what a fold
     * of the same events at other log positions, or in another order of a host's two sources,
     * shares (docs/design.md, "History is state").
     */
    public static String ofCurrentState(Path dataDirectory) {
        try (Store store = Store.openReadOnly(dataDirectory); Store.ReadView view = store.readView(true)) {
            return ofCurrentState(view);
        }
    }

    /** The digest of what {@code view} sees. */
    static String of(Store.ReadView view) {
        return of(view, true);
    }

    /**
     * The digest of the current state alone, without the history tables: what two replicas of
     * differently compacted logs (or a fold of the same events at other log positions) share.
     */
    static String ofCurrentState(Store.ReadView view) {
        return of(view, false);
    }

    private static String of(Store.ReadView view, boolean withHistory) {
        MessageDigest sha256 = sha256();
        for (Table table : Table.values()) {
            if (!table.isState() || (!withHistory && table.isHistory())) {
                continue;
            }
            byte[] name = table.columnFamilyName();
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
            sha256.update(name);
            long[] rows = {0};
            view.scanAll(table, (key, value) -> {
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(key.length).array());
                sha256.update(key);
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
                sha256.update(value);
                rows[0]++;
            });
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(rows[0]).array());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
