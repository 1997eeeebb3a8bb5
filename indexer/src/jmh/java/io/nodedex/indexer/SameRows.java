package io.nodedex.indexer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The floor under the indexer's writes: bare RocksDB writing exactly the batches the indexer
 * writes, row for row (same column families, keys, values, deletes and batch boundaries), into a
 * store opened as the indexer opens it and with compactions deferred, as the indexer's are while
 * it catches up, with nothing else running. The batches are worked out
 * beforehand, untimed, by folding the topic poll by poll as the indexer does into a scratch
 * store; only building and writing them is timed.
 *
 * <p>Used by {@link IndexerBenchmark} beside its synthetic baseline (rows of the same average
 * size into one table), which is cheaper to write than the indexer's real rows.
 */
final class SameRows {

    private SameRows() {
    }

    /**
     * Folds the whole topic into {@code scratch}, untimed; returns each poll's batch in order, as
     * rows (read back from the batch with RocksJava's {@code WriteBatch.iterate}).
     */
    static List<List<Row>> batchesOf(IndexerConfig config, Path scratch, long events) {
        Admission admission = new Admission(config.adminKey(), config.maxClockSkew(), config.commandKey());
        RecordDecoder decoder = new RecordDecoder(admission.checksSignatures());
        Properties properties = IndexerClients.consumer(config);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<List<Row>> batches = new ArrayList<>();
        try (Store store = Store.open(scratch, false); Workers workers = Workers.perCore();
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            while (read < events) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try (PollFold fold = new PollFold(store, HostKeys.FARM_HASH, workers, admission,
                        config.historyRetention())) {
                    for (TopicPartition partition : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
                        for (ConsumerRecord<byte[], byte[]> record : inPartition) {
                            RecordDecoder.Decoded decoded = decoder.decode(record);
                            decoded.received().ifPresent(received -> fold.apply(received, decoded.carried()));
                            read++;
                        }
                        fold.consumed(partition.partition(), inPartition.get(inPartition.size() - 1).offset() + 1);
                    }
                    FoldedPoll poll = fold.finish();
                    try (WriteBatch batch = poll.batch(store); RowsOf rows = new RowsOf(store)) {
                        batch.iterate(rows);
                        batches.add(rows.rows);
                    } catch (RocksDBException e) {
                        throw new IllegalStateException(e);
                    }
                    poll.writeTo(store);
                }
            }
        }
        return batches;
    }

    /** How bare RocksDB is handed the rows. */
    enum Handing {
        /** RocksJava's own way: a {@code WriteBatch.put} or {@code delete} per row, then the write. */
        ROW_BY_ROW,
        /** The rows serialized into one array in Java ({@link BatchBytes}), then the write. */
        SERIALIZED
    }

    /**
     * Writes {@code batches} into a new store in {@code directory}, each as one batch built from
     * its rows as {@code handing} says, on one thread: seconds taken. The clock stops when the last
     * batch is written, as the indexer's does, before closing the store flushes its memtables
     * (opening it is timed, as the indexer's is).
     */
    static double write(List<List<Row>> batches, Path directory, Handing handing) {
        IndexerBenchmark.collectGarbage();
        long cpu = IndexerBenchmark.processCpuNanos();
        long writerCpu = IndexerBenchmark.currentThreadCpuNanos();
        ThreadTimes before = ThreadTimes.now();
        long started = System.nanoTime();
        try (Store store = Store.open(directory, false)) {
            for (List<Row> rows : batches) {
                try (WriteBatch batch = handing == Handing.SERIALIZED
                        ? BatchBytes.batch(List.of(BatchBytes.records(rows, store::columnFamilyId)))
                        : rowByRow(rows, store)) {
                    store.write(batch);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ThreadTimes after = ThreadTimes.now();
            String writing = Thread.currentThread().getName();
            System.out.printf("bare RocksDB, the indexer's batches, %s: %.1f s, %.1f s of CPU, %.1f s of it on the"
                    + " writing thread, %.1f s on RocksDB's background threads; waited for a core: the writing thread"
                    + " %.2f s, RocksDB's background threads %.2f s%n",
                    handing.name().toLowerCase(Locale.ROOT).replace('_', ' '), seconds,
                    (IndexerBenchmark.processCpuNanos() - cpu) / 1e9,
                    (IndexerBenchmark.currentThreadCpuNanos() - writerCpu) / 1e9,
                    after.cpuNanosSince(before, IndexerBenchmark::rocksDbBackground) / 1e9,
                    after.waitNanosSince(before, writing::equals) / 1e9,
                    after.waitNanosSince(before, IndexerBenchmark::rocksDbBackground) / 1e9);
            return seconds;
        }
    }

    private static WriteBatch rowByRow(List<Row> rows, Store store) {
        WriteBatch batch = new WriteBatch();
        try {
            for (Row row : rows) {
                if (row.delete()) {
                    batch.delete(store.handle(row.table()), row.key());
                } else {
                    batch.put(store.handle(row.table()), row.key(), row.value());
                }
            }
            return batch;
        } catch (RocksDBException e) {
            batch.close();
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a batch of the indexer's store, in order. */
    private static final class RowsOf extends WriteBatch.Handler {
        private final Map<Integer, Table> tables = new HashMap<>();
        final List<Row> rows = new ArrayList<>();

        RowsOf(Store store) {
            for (Table table : Table.values()) {
                tables.put(store.columnFamilyId(table), table);
            }
        }

        @Override
        public void put(int columnFamilyId, byte[] key, byte[] value) {
            rows.add(Row.put(table(columnFamilyId), key, value));
        }

        @Override
        public void delete(int columnFamilyId, byte[] key) {
            rows.add(Row.delete(table(columnFamilyId), key));
        }

        private Table table(int columnFamilyId) {
            Table table = tables.get(columnFamilyId);
            if (table == null) {
                throw new IllegalStateException("a batch names column family " + columnFamilyId + ", of no table");
            }
            return table;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            throw unexpected("puts into the default column family");
        }

        @Override
        public void delete(byte[] key) {
            throw unexpected("deletes from the default column family");
        }

        @Override
        public void merge(int columnFamilyId, byte[] key, byte[] value) {
            throw unexpected("merges");
        }

        @Override
        public void merge(byte[] key, byte[] value) {
            throw unexpected("merges");
        }

        @Override
        public void singleDelete(int columnFamilyId, byte[] key) {
            throw unexpected("single deletes");
        }

        @Override
        public void singleDelete(byte[] key) {
            throw unexpected("single deletes");
        }

        @Override
        public void deleteRange(int columnFamilyId, byte[] beginKey, byte[] endKey) {
            throw unexpected("range deletes");
        }

        @Override
        public void deleteRange(byte[] beginKey, byte[] endKey) {
            throw unexpected("range deletes");
        }

        @Override
        public void logData(byte[] blob) {
            throw unexpected("log data");
        }

        @Override
        public void putBlobIndex(int columnFamilyId, byte[] key, byte[] value) {
            throw unexpected("blob indexes");
        }

        @Override
        public void markBeginPrepare() {
            throw unexpected("transaction markers");
        }

        @Override
        public void markEndPrepare(byte[] xid) {
            throw unexpected("transaction markers");
        }

        @Override
        public void markNoop(boolean emptyBatch) {
            throw unexpected("transaction markers");
        }

        @Override
        public void markRollback(byte[] xid) {
            throw unexpected("transaction markers");
        }

        @Override
        public void markCommit(byte[] xid) {
            throw unexpected("transaction markers");
        }

        @Override
        public void markCommitWithTimestamp(byte[] xid, byte[] timestamp) {
            throw unexpected("transaction markers");
        }

        private static IllegalStateException unexpected(String what) {
            return new IllegalStateException("the indexer's batches hold no " + what);
        }
    }
}
