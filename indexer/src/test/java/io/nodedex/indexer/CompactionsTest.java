package io.nodedex.indexer;

import static io.nodedex.indexer.KafkaLog.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Deferring compactions while a replica catches up: level 0 gathers every flush until compactions
 * resume, when the replica has caught up or a table has reached the bound, and reads are the same
 * throughout. Each test writes a deferred table beside a control table whose compactions run as
 * usual, so "nothing was compacted" is checked only once the control shows a compaction would have.
 */
class CompactionsTest {

    /** RocksDB's default: level 0 is compacted once it holds this many files. */
    private static final int COMPACTION_TRIGGER = 4;
    private static final int FLUSHES = 8;

    @TempDir
    Path directory;

    private DBOptions options;
    private RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private ColumnFamilyHandle deferred;
    private ColumnFamilyHandle control;

    @BeforeEach
    void open() throws RocksDBException {
        options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        db = RocksDB.open(options, directory.toString(), List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                new ColumnFamilyDescriptor("deferred".getBytes(StandardCharsets.UTF_8)),
                new ColumnFamilyDescriptor("control".getBytes(StandardCharsets.UTF_8))), handles);
        deferred = handles.get(1);
        control = handles.get(2);
    }

    @AfterEach
    void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }

    @Test
    void whileDeferredEveryFlushStaysInLevelZeroAndEveryRowReadsAsWritten() throws RocksDBException {
        Compactions compactions = new Compactions(db, List.of(deferred), 64, false);
        compactions.defer();

        flushRounds(FLUSHES);
        await("the control table compacted", () -> level0Files(control) < COMPACTION_TRIGGER);

        assertThat(compactions.deferred()).isTrue();
        assertThat(level0Files(deferred)).isEqualTo(FLUSHES);
        assertThat(compactions.mostLevel0Files()).isEqualTo(FLUSHES);
        assertEveryRowReads(FLUSHES);
    }

    @Test
    void resumingCompactsWhatWasDeferredWithoutAnotherWrite() throws RocksDBException {
        Compactions compactions = new Compactions(db, List.of(deferred), 64, false);
        compactions.defer();
        flushRounds(FLUSHES);

        compactions.resume();

        assertThat(compactions.deferred()).isFalse();
        await("the deferred table compacted", () -> level0Files(deferred) < COMPACTION_TRIGGER);
        await("no compaction left", () -> !running(compactions));
        assertEveryRowReads(FLUSHES);
    }

    @Test
    void aDeferralEndsOnceATableHasGatheredTheBoundInLevelZero() throws RocksDBException {
        Compactions compactions = new Compactions(db, List.of(deferred), 3, false);
        compactions.defer();

        flushRounds(2);
        compactions.resumeWhenBoundReached();
        assertThat(compactions.deferred()).as("two files, under the bound of three").isTrue();

        flushRounds(1);
        compactions.resumeWhenBoundReached();
        assertThat(compactions.deferred()).as("three files, the bound").isFalse();

        flushRounds(COMPACTION_TRIGGER);
        await("the table compacted", () -> level0Files(deferred) < COMPACTION_TRIGGER);
        assertEveryRowReads(3 + COMPACTION_TRIGGER);
    }

    @Test
    void deferringTwiceOrResumingWhatRunsChangesNothing() throws RocksDBException {
        Compactions compactions = new Compactions(db, List.of(deferred), 64, false);
        assertThat(compactions.resume()).as("resuming what runs").isFalse();
        assertThat(compactions.deferred()).isFalse();

        assertThat(compactions.defer()).isTrue();
        assertThat(compactions.defer()).as("deferring again").isFalse();
        assertThat(compactions.deferred()).isTrue();
        assertThat(compactions.resume()).isTrue();
        assertThat(compactions.deferred()).isFalse();
    }

    @Test
    void aDeferralThatAllowsNoFileIsRefused() {
        assertThatThrownBy(() -> new Compactions(db, List.of(deferred), 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one level-0 file, not 0");
    }

    /** Writes {@code rounds} rows to both tables, flushing them after each, so each round makes a file in each. */
    private void flushRounds(int rounds) throws RocksDBException {
        int first = rowsWritten;
        for (int round = first; round < first + rounds; round++) {
            for (ColumnFamilyHandle table : List.of(deferred, control)) {
                db.put(table, key(round), value(round));
            }
            try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
                db.flush(wait, List.of(deferred, control));
            }
            rowsWritten++;
        }
    }

    private int rowsWritten;

    private void assertEveryRowReads(int rows) throws RocksDBException {
        assertThat(rowsWritten).isEqualTo(rows);
        for (int round = 0; round < rows; round++) {
            assertThat(db.get(deferred, key(round))).as("row %d", round).isEqualTo(value(round));
        }
    }

    private long level0Files(ColumnFamilyHandle table) {
        try {
            return Long.parseLong(db.getProperty(table, "rocksdb.num-files-at-level0").trim());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean running(Compactions compactions) {
        try {
            return compactions.running();
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(int round) {
        return ("key-" + round).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int round) {
        return ("value-" + round).getBytes(StandardCharsets.UTF_8);
    }
}
