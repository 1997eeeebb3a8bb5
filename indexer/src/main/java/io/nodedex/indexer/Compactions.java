package io.nodedex.indexer;

import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether RocksDB compacts the store's tables as it writes them, or defers compacting while the
 * replica catches up (docs/design.md, "Catching up defers compactions"), as RocksDB's own bulk
 * loading does: new data piles up in level 0, unsorted across files but whole, and is compacted
 * once the replica has caught up. Deferring never changes what a read returns; it only moves work
 * (and a read checks more files meanwhile).
 *
 * <p>Level 0 is bounded all the same: once a table holds {@code maxDeferredFiles} files there,
 * compactions resume, however far behind the replica still is.
 *
 * <p>Thread-safe: the applying thread defers and resumes, the writing thread checks the bound
 * after each batch.
 */
final class Compactions {

    private static final Logger LOG = LoggerFactory.getLogger(Compactions.class);
    /** A string property, unlike most counts. */
    private static final String LEVEL_0_FILES = "rocksdb.num-files-at-level0";
    /** RocksDB's own level-0 triggers, which deferring lifts and resuming puts back. */
    private static final int SLOWDOWN_TRIGGER;
    private static final int STOP_TRIGGER;
    /** A level-0 trigger never reached: what RocksDB's {@code PrepareForBulkLoad} sets. */
    private static final int NO_STALL = 1 << 30;

    static {
        RocksDB.loadLibrary();
        try (ColumnFamilyOptions defaults = new ColumnFamilyOptions()) {
            SLOWDOWN_TRIGGER = defaults.level0SlowdownWritesTrigger();
            STOP_TRIGGER = defaults.level0StopWritesTrigger();
        }
    }

    private final RocksDB db;
    private final List<ColumnFamilyHandle> tables;
    private final int maxDeferredFiles;
    private boolean deferred;

    /**
     * Sets {@code options} as {@link #defer()} sets a table's: tables opened with them start with
     * their compactions deferred, without rewriting RocksDB's options file once per table (each
     * {@code SetOptions} does, and syncs it: a fifth of a second for a store's tables).
     */
    static ColumnFamilyOptions deferredFromTheStart(ColumnFamilyOptions options) {
        return options.setDisableAutoCompactions(true)
                .setLevel0SlowdownWritesTrigger(NO_STALL)
                .setLevel0StopWritesTrigger(NO_STALL);
    }

    /**
     * @param tables the column families whose compactions are deferred and resumed
     * @param maxDeferredFiles the level-0 files a table may gather while compactions are deferred
     * @param deferred whether the tables were opened with compactions deferred ({@link #deferredFromTheStart})
     */
    Compactions(RocksDB db, List<ColumnFamilyHandle> tables, int maxDeferredFiles, boolean deferred) {
        if (maxDeferredFiles < 1) {
            throw new IllegalArgumentException("a deferral must allow at least one level-0 file, not " + maxDeferredFiles);
        }
        this.db = db;
        this.tables = List.copyOf(tables);
        this.maxDeferredFiles = maxDeferredFiles;
        this.deferred = deferred;
    }

    /**
     * Stops automatic compactions, and the write stalls a growing level 0 would otherwise cause.
     *
     * @return whether this call deferred them (false: they already were)
     */
    synchronized boolean defer() throws RocksDBException {
        if (deferred) {
            return false;
        }
        set(true, NO_STALL, NO_STALL);
        deferred = true;
        return true;
    }

    /**
     * Starts automatic compactions again; RocksDB schedules what level 0 gathered meanwhile at once.
     *
     * @return whether this call resumed them (false: they were not deferred)
     */
    synchronized boolean resume() throws RocksDBException {
        if (!deferred) {
            return false;
        }
        set(false, SLOWDOWN_TRIGGER, STOP_TRIGGER);
        deferred = false;
        return true;
    }

    synchronized boolean deferred() {
        return deferred;
    }

    /** Resumes compactions when a table's level 0 has reached the bound; to call after each write. */
    synchronized void resumeWhenBoundReached() throws RocksDBException {
        if (!deferred) {
            return;
        }
        long files = mostLevel0Files();
        if (files >= maxDeferredFiles) {
            LOG.info("a table gathered {} files in level 0 while compactions were deferred; they resume now", files);
            resume();
        }
    }

    /** Whether a table has a compaction running, or one due that is not deferred. */
    boolean running() throws RocksDBException {
        for (ColumnFamilyHandle table : tables) {
            if (db.getLongProperty(table, "rocksdb.num-running-compactions") > 0
                    || db.getLongProperty(table, "rocksdb.compaction-pending") > 0) {
                return true;
            }
        }
        return false;
    }

    /** The most files any table holds in level 0. */
    long mostLevel0Files() throws RocksDBException {
        long most = 0;
        for (ColumnFamilyHandle table : tables) {
            most = Math.max(most, Long.parseLong(db.getProperty(table, LEVEL_0_FILES).trim()));
        }
        return most;
    }

    private void set(boolean disableAutoCompactions, int slowdownTrigger, int stopTrigger) throws RocksDBException {
        MutableColumnFamilyOptions options = MutableColumnFamilyOptions.builder()
                .setDisableAutoCompactions(disableAutoCompactions)
                .setLevel0SlowdownWritesTrigger(slowdownTrigger)
                .setLevel0StopWritesTrigger(stopTrigger)
                .build();
        for (ColumnFamilyHandle table : tables) {
            db.setOptions(table, options);
        }
    }
}
