package io.nodedex.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's RocksDB database: one column family per {@link Table}, plus the default column
 * family for metadata (layout version, topic name).
 *
 * <p>Threading: one thread writes ({@link #write}); any thread may read through a
 * {@link ReadView}, concurrently with the writer. {@link #close()} waits until open views and a
 * running write have finished, so a reader never touches a closed database.
 */
final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] LAYOUT_KEY = Keys.utf8("layout");
    /**
     * The layout of the tables this code reads and writes; a database of another layout is
     * refused. 2: host ids and device names as sort keys, the host-id index and the audit
     * findings. 3: the hosts' enrolled keys. 4: the history of every device and WWPN. 5: the vHBA requests and open reservations.
     */
    static final String LAYOUT = "5";
    private static final byte[] LAYOUT_VERSION = Keys.utf8(LAYOUT);
    private static final byte[] TOPIC_KEY = Keys.utf8("topic");
    private static final long BLOCK_CACHE_BYTES = 64L << 20;
    private static final long WRITE_BUFFER_BYTES = 32L << 20;
    private static final long TOTAL_WRITE_BUFFER_BYTES = 256L << 20;
    /** The level-0 files a table may gather while compactions are deferred ({@link Compactions}). */
    private static final int MAX_DEFERRED_LEVEL0_FILES = 64;

    private final Path directory;
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final Map<Table, ColumnFamilyHandle> tables;
    private final int[] familyIds = new int[Table.values().length];
    /** Native objects to close after the database, most recent first. */
    private final Deque<AbstractNativeReference> resources;
    private final WriteOptions writeOptions;
    /** Reads every key in order, whatever the tables' prefix filters: for walks over a whole table. */
    private final ReadOptions totalOrder;
    private final boolean writable;
    private final Compactions compactions;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private Store(Path directory, RocksDB db, List<ColumnFamilyHandle> handles,
            Deque<AbstractNativeReference> resources, WriteOptions writeOptions, boolean writable) {
        this.directory = directory;
        this.db = db;
        this.meta = handles.get(0);
        this.tables = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            tables.put(table, handles.get(table.ordinal() + 1));
            familyIds[table.ordinal()] = tables.get(table).getID();
        }
        this.resources = resources;
        this.writeOptions = writeOptions;
        this.totalOrder = track(resources, new ReadOptions().setTotalOrderSeek(true));
        this.writable = writable;
        this.compactions = new Compactions(db, List.copyOf(tables.values()), MAX_DEFERRED_LEVEL0_FILES, writable);
    }

    /**
     * Opens (creating if needed) the database in {@code directory} for reading and writing.
     *
     * <p>By default RocksDB's write-ahead log is off, as Kafka Streams runs it: the Kafka log
     * already is one. Batches go to the memtables only, and every flush writes all column
     * families atomically ({@code atomic_flush}), the consumed offsets with the state they
     * produced. A crash at any instant therefore leaves the state of some earlier batch with that
     * batch's offsets, and the indexer consumes again from there (docs/design.md, "How the
     * indexer applies a poll"). The memtables are flushed when full, by {@link #flush()} (the
     * indexer calls it periodically and on close), so what a crash can undo is bounded.
     *
     * <p>The tables open with their compactions deferred, as a replica that catches up needs
     * them (docs/design.md, "Catching up defers compactions"); whoever writes resumes them
     * ({@link #resumeCompactions()}), and a table whose level 0 reaches the bound resumes them anyway.
     *
     * @param syncWrites keep the write-ahead log and {@code fsync} it on every write instead:
     *     every batch is durable before the next poll (slower; for disks that lie about
     *     ordering, or when re-consuming after a crash must be as short as possible)
     */
    static Store open(Path directory, boolean syncWrites) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the indexer data directory " + directory, e);
        }
        Deque<AbstractNativeReference> resources = new ArrayDeque<>();
        DBOptions dbOptions = track(resources, new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setDbWriteBufferSize(TOTAL_WRITE_BUFFER_BYTES)
                .setAtomicFlush(true)
                .setBytesPerSync(1L << 20));
        WriteOptions writes = syncWrites ? new WriteOptions().setSync(true) : new WriteOptions().setDisableWAL(true);
        return openWith(directory, resources, writes, true,
                handles -> RocksDB.open(dbOptions, directory.toString(), descriptors(resources, true), handles));
    }

    /** Opens an existing database read-only; another process may have it open for writing. */
    static Store openReadOnly(Path directory) {
        if (!Files.isRegularFile(directory.resolve("CURRENT"))) {
            throw new IllegalArgumentException("no indexer database in " + directory);
        }
        Deque<AbstractNativeReference> resources = new ArrayDeque<>();
        DBOptions dbOptions = track(resources, new DBOptions());
        return openWith(directory, resources, new WriteOptions(), false,
                handles -> RocksDB.openReadOnly(dbOptions, directory.toString(), descriptors(resources, false), handles));
    }

    /** How {@link #openWith} opens the database, filling in the column family handles. */
    private interface Opener {
        RocksDB open(List<ColumnFamilyHandle> handles) throws RocksDBException;
    }

    /**
     * Opens the database with {@code opener} and checks its layout; on any failure closes what was
     * opened, including the native objects in {@code resources}.
     */
    private static Store openWith(Path directory, Deque<AbstractNativeReference> resources,
            WriteOptions writeOptions, boolean writable, Opener opener) {
        try {
            track(resources, writeOptions);
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = opener.open(handles);
            Store store = new Store(directory, db, handles, resources, writeOptions, writable);
            try {
                store.checkLayout(writable);
            } catch (RuntimeException | RocksDBException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (RocksDBException e) {
            closeAll(resources);
            throw new IllegalStateException("cannot open the indexer database in " + directory
                    + (writable ? "" : " read-only") + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the database in {@code directory}, if any. The store must not be open. */
    static void destroy(Path directory) {
        try (Options options = new Options()) {
            RocksDB.destroyDB(directory.toString(), options);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot delete the indexer database in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The tables' descriptors; {@code deferCompactions}: the tables open with their compactions deferred. */
    private static List<ColumnFamilyDescriptor> descriptors(Deque<AbstractNativeReference> resources,
            boolean deferCompactions) {
        LRUCache cache = track(resources, new LRUCache(BLOCK_CACHE_BYTES));
        BloomFilter bloom = track(resources, new BloomFilter(10));
        ColumnFamilyOptions metaOptions = track(resources, tableOptions(cache, bloom, false));
        ColumnFamilyOptions options = track(resources, tableOptions(cache, bloom, deferCompactions));
        ColumnFamilyOptions byLeadingNumber = track(resources, tableOptions(cache, bloom, deferCompactions)
                .useFixedLengthPrefixExtractor(Keys.LONG));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, metaOptions));
        for (Table table : Table.values()) {
            descriptors.add(new ColumnFamilyDescriptor(table.columnFamilyName(),
                    table.scannedByLeadingNumber() ? byLeadingNumber : options));
        }
        return descriptors;
    }

    /**
     * The options of a table. Each file carries a Bloom filter of its whole keys, so that a point
     * read skips the files without its key; a table {@linkplain Table#scannedByLeadingNumber()
     * scanned by leading number} also gets a prefix extractor of that number, and its filters then
     * hold those prefixes too, so a scan of one prefix ({@link ReadView#scan}) skips the files
     * without it: while a replica catches up, level 0 piles up files, nearly all of which hold
     * nothing of one host.
     */
    private static ColumnFamilyOptions tableOptions(LRUCache cache, BloomFilter bloom, boolean deferCompactions) {
        ColumnFamilyOptions options = new ColumnFamilyOptions();
        if (deferCompactions) {
            Compactions.deferredFromTheStart(options);
        }
        return options
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(bloom)
                        .setWholeKeyFiltering(true));
    }

    private static <T extends AbstractNativeReference> T track(Deque<AbstractNativeReference> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    /** Refuses a database of another layout; stamps a new, empty one (when writable). */
    private void checkLayout(boolean writable) throws RocksDBException {
        byte[] layout = db.get(meta, LAYOUT_KEY);
        if (layout == null) {
            if (!isEmpty()) {
                throw new IllegalStateException("the indexer database in " + directory + " has no layout version");
            }
            if (writable) {
                db.put(meta, writeOptions, LAYOUT_KEY, LAYOUT_VERSION);
            }
        } else if (!Arrays.equals(layout, LAYOUT_VERSION)) {
            throw new IllegalStateException("the indexer database in " + directory + " has layout "
                    + new String(layout, StandardCharsets.UTF_8) + "; this version of nodedex reads layout " + LAYOUT
                    + ". Rebuild it from the event log: run `nodedex indexer --rebuild --data " + directory
                    + "` (or `nodedex serve --rebuild --data " + directory + "`) with your other options as before");
        }
    }

    private boolean isEmpty() {
        for (ColumnFamilyHandle handle : tables.values()) {
            try (RocksIterator iterator = db.newIterator(handle, totalOrder)) {
                iterator.seekToFirst();
                if (iterator.isValid()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Binds the database to the topic it consumes: the first call stores the name, later calls
     * must name the same topic, since offsets and state belong to one log.
     */
    void bindTopic(String topic) {
        try (ReadView view = readView(false)) {
            Optional<byte[]> stored = view.getMeta(TOPIC_KEY);
            if (stored.isPresent()) {
                String storedTopic = new String(stored.get(), StandardCharsets.UTF_8);
                if (!storedTopic.equals(topic)) {
                    throw new IllegalStateException("the indexer database in " + directory + " holds topic '" + storedTopic
                            + "', not '" + topic + "': use another data directory or rebuild");
                }
                return;
            }
        }
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(meta, TOPIC_KEY, Keys.utf8(topic));
            write(batch);
        } catch (RocksDBException e) {
            throw failure("store the topic name", e);
        }
    }

    /**
     * Applies the batch atomically. While compactions are deferred, resumes them once a table's
     * level 0 has gathered as many files as a deferral allows.
     */
    void write(WriteBatch batch) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write a batch", e);
        } finally {
            lifecycle.readLock().unlock();
        }
        resumeCompactionsWhenBoundReached();
    }

    /** A written batch stands whatever this finds: a failure to read level 0 is logged, and checked again next time. */
    private void resumeCompactionsWhenBoundReached() {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            compactions.resumeWhenBoundReached();
        } catch (RocksDBException e) {
            LOG.warn("cannot check the level-0 files of the indexer database in {} ({}); checking again after the"
                    + " next batch", directory, e.getMessage());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Defers compactions while the replica catches up (docs/design.md, "Catching up defers
     * compactions"), as they are when the store opens, until {@link #resumeCompactions()} or until
     * a table's level 0 reaches the bound; nothing when they already are. Writable stores only.
     */
    void deferCompactions() {
        onCompactions("defer compactions", true, Compactions::defer);
    }

    /**
     * Resumes automatic compactions; RocksDB starts on what was deferred at once.
     *
     * @return whether this call resumed them (false: they were not deferred)
     */
    boolean resumeCompactions() {
        return onCompactions("resume compactions", true, Compactions::resume);
    }

    boolean compactionsDeferred() {
        return compactions.deferred();
    }

    /** Whether RocksDB is compacting, or has compactions due (for the benchmark and tests). */
    boolean compacting() {
        return onCompactions("read the compactions' state", false, Compactions::running);
    }

    /** The most files any table holds in level 0 (for the benchmark and tests). */
    long mostLevel0Files() {
        return onCompactions("count the level-0 files", false, Compactions::mostLevel0Files);
    }

    private <T> T onCompactions(String what, boolean changes, CompactionsCall<T> call) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            if (changes && !writable) {
                throw new IllegalStateException("a read-only store does not compact");
            }
            return call.apply(compactions);
        } catch (RocksDBException e) {
            throw failure(what, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @FunctionalInterface
    private interface CompactionsCall<T> {
        T apply(Compactions compactions) throws RocksDBException;
    }

    /**
     * Deletes every row of every table, the stored offsets included, in one atomic batch, then
     * flushes: the replica is empty again but for its metadata (layout, topic), as if it had
     * never consumed anything.
     */
    void clearState() {
        lifecycle.readLock().lock();
        try (WriteBatch batch = new WriteBatch()) {
            ensureOpen();
            for (ColumnFamilyHandle handle : tables.values()) {
                try (RocksIterator iterator = db.newIterator(handle, totalOrder)) {
                    iterator.seekToFirst();
                    if (!iterator.isValid()) {
                        continue;
                    }
                    byte[] first = iterator.key();
                    iterator.seekToLast();
                    byte[] last = iterator.key();
                    batch.deleteRange(handle, first, Arrays.copyOf(last, last.length + 1)); // end exclusive
                }
            }
            db.write(writeOptions, batch);
            flushAll();
        } catch (RocksDBException e) {
            throw failure("clear the state", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Starts writing every column family's memtable to disk in one atomic flush, in the
     * background: writes go on meanwhile into new memtables, and once it is done, what was written
     * before the call survives a crash.
     */
    void flush() {
        lifecycle.readLock().lock();
        try (FlushOptions options = new FlushOptions().setWaitForFlush(false)) {
            ensureOpen();
            flushAll(options);
        } catch (RocksDBException e) {
            throw failure("flush", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Flushes every column family atomically and waits for it. */
    private void flushAll() throws RocksDBException {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            flushAll(options);
        }
    }

    private void flushAll(FlushOptions options) throws RocksDBException {
        List<ColumnFamilyHandle> all = new ArrayList<>(tables.values());
        all.add(meta);
        db.flush(options, all);
    }

    /** Live SST files plus memtables, in bytes, summed over every column family. */
    long approximateSizeBytes() {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return db.getAggregatedLongProperty("rocksdb.live-sst-files-size")
                    + db.getAggregatedLongProperty("rocksdb.size-all-mem-tables");
        } catch (RocksDBException e) {
            throw failure("read the database size", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    ColumnFamilyHandle handle(Table table) {
        return tables.get(table);
    }

    /** The id of {@code table}'s column family, as a serialized batch names it ({@link BatchBytes}). */
    int columnFamilyId(Table table) {
        return familyIds[table.ordinal()];
    }

    /**
     * A reading view. With {@code snapshot}, every read sees the database as of the call, however
     * many batches are written meanwhile. Close it on the thread that opened it.
     */
    ReadView readView(boolean snapshot) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return new ReadView(snapshot ? db.getSnapshot() : null);
        } catch (RuntimeException e) {
            lifecycle.readLock().unlock();
            throw e;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the indexer database in " + directory + " is closed");
        }
    }

    private IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("cannot " + what + " in the indexer database in " + directory + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (writable) {
                    flushAll();
                }
            } catch (RocksDBException e) {
                LOG.warn("flushing the indexer database in {} on close failed; the batches since the last flush"
                        + " will be consumed again: {}", directory, e.getMessage());
            }
            closed = true;
            meta.close();
            tables.values().forEach(ColumnFamilyHandle::close);
            db.close();
            closeAll(resources);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeAll(Deque<AbstractNativeReference> resources) {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    /** Receives the rows of a scan, in key order. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(byte[] key, byte[] value);
    }

    /** Receives the rows of a scan, in key order, and says whether to go on. */
    @FunctionalInterface
    interface RowVisitor {
        boolean visit(byte[] key, byte[] value);
    }

    /**
     * Reads, optionally from one snapshot; holds the store open until closed. A read in key order
     * is in total order, but for a {@linkplain #scan scan} of a prefix of at least
     * {@link Keys#LONG} bytes: it reads only keys of the same leading number, so it may skip the
     * files whose prefix filter has none ({@link Table#scannedByLeadingNumber()}).
     */
    final class ReadView implements AutoCloseable {
        private final Snapshot snapshot;
        private final ReadOptions options;
        private final ReadOptions sameLeadingNumber;

        private ReadView(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.options = new ReadOptions().setTotalOrderSeek(true);
            this.sameLeadingNumber = new ReadOptions().setPrefixSameAsStart(true);
            if (snapshot != null) {
                options.setSnapshot(snapshot);
                sameLeadingNumber.setSnapshot(snapshot);
            }
        }

        Optional<byte[]> get(Table table, byte[] key) {
            return get(tables.get(table), key);
        }

        private Optional<byte[]> getMeta(byte[] key) {
            return get(meta, key);
        }

        private Optional<byte[]> get(ColumnFamilyHandle handle, byte[] key) {
            try {
                return Optional.ofNullable(db.get(handle, options, key));
            } catch (RocksDBException e) {
                throw failure("read", e);
            }
        }

        /** Every row of {@code table} whose key starts with {@code prefix}, in key order. */
        void scan(Table table, byte[] prefix, RowConsumer consumer) {
            scan(table, prefix, prefix, (key, value) -> {
                consumer.accept(key, value);
                return true;
            });
        }

        /**
         * The rows of {@code table} whose key starts with {@code prefix}, in key order, from the
         * first key at or after {@code from} on, for as long as {@code visitor} asks for more.
         */
        void scan(Table table, byte[] prefix, byte[] from, RowVisitor visitor) {
            boolean oneLeadingNumber = prefix.length >= Keys.LONG && Keys.hasPrefix(from, prefix);
            try (RocksIterator iterator = db.newIterator(tables.get(table),
                    oneLeadingNumber ? sameLeadingNumber : options)) {
                for (iterator.seek(from); iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    if (!Keys.hasPrefix(key, prefix) || !visitor.visit(key, iterator.value())) {
                        break;
                    }
                }
                checkStatus(iterator);
            }
        }

        /**
         * The last row of {@code table} whose key starts with {@code prefix} and is at or before
         * {@code atOrBefore}, if any.
         */
        Optional<Map.Entry<byte[], byte[]>> last(Table table, byte[] prefix, byte[] atOrBefore) {
            try (RocksIterator iterator = db.newIterator(tables.get(table), options)) {
                iterator.seekForPrev(atOrBefore);
                Optional<Map.Entry<byte[], byte[]>> row = iterator.isValid() && Keys.hasPrefix(iterator.key(), prefix)
                        ? Optional.of(Map.entry(iterator.key(), iterator.value())) : Optional.empty();
                checkStatus(iterator);
                return row;
            }
        }

        /** The row of {@code table} just before {@code key} whose key starts with {@code prefix}, if any. */
        Optional<Map.Entry<byte[], byte[]>> before(Table table, byte[] prefix, byte[] key) {
            try (RocksIterator iterator = db.newIterator(tables.get(table), options)) {
                iterator.seekForPrev(key);
                if (iterator.isValid() && Arrays.equals(iterator.key(), key)) {
                    iterator.prev();
                }
                Optional<Map.Entry<byte[], byte[]>> row = iterator.isValid() && Keys.hasPrefix(iterator.key(), prefix)
                        ? Optional.of(Map.entry(iterator.key(), iterator.value())) : Optional.empty();
                checkStatus(iterator);
                return row;
            }
        }

        /** Every row of {@code table}, in key order. */
        void scanAll(Table table, RowConsumer consumer) {
            scan(table, new byte[0], consumer);
        }

        private void checkStatus(RocksIterator iterator) {
            try {
                iterator.status();
            } catch (RocksDBException e) {
                throw failure("scan", e);
            }
        }

        @Override
        public void close() {
            options.close();
            sameLeadingNumber.close();
            if (snapshot != null) {
                db.releaseSnapshot(snapshot);
            }
            lifecycle.readLock().unlock();
        }
    }
}
