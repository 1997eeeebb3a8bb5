package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Rows serialized in Java are the batch RocksJava builds from them row by row, byte for byte,
 * and RocksDB applies them as such.
 */
class BatchBytesTest {

    /** Lengths at the edges of a varint32's byte counts, and some between. */
    private static final int[] LENGTHS = {0, 1, 2, 100, 127, 128, 129, 16_383, 16_384, 70_000};

    @TempDir
    Path directory;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rowsOfEveryTableSerializeToTheBatchRocksJavaBuildsRowByRow(long seed) throws RocksDBException {
        Random random = new Random(seed);
        List<List<Row>> parts = new ArrayList<>();
        for (int part = random.nextInt(4); part >= 0; part--) {
            parts.add(randomRows(random, random.nextInt(30)));
        }
        try (Store store = Store.open(directory, false); WriteBatch expected = new WriteBatch()) {
            List<BatchBytes.Records> records = new ArrayList<>();
            for (List<Row> rows : parts) {
                records.add(BatchBytes.records(rows, store::columnFamilyId));
                for (Row row : rows) {
                    if (row.delete()) {
                        expected.delete(store.handle(row.table()), row.key());
                    } else {
                        expected.put(store.handle(row.table()), row.key(), row.value());
                    }
                }
            }
            try (WriteBatch serialized = BatchBytes.batch(records)) {
                assertThat(serialized.data()).isEqualTo(expected.data());
                assertThat(serialized.count()).isEqualTo(parts.stream().mapToInt(List::size).sum());
            }
        }
    }

    @Test
    void rowsOfTheDefaultColumnFamilyNameNoFamily() throws RocksDBException {
        List<Row> rows = List.of(Row.put(Table.DEVICES, new byte[] {1, 2}, new byte[300]),
                Row.delete(Table.DEVICES, new byte[] {3}));
        try (WriteBatch expected = new WriteBatch();
                WriteBatch serialized = BatchBytes.batch(List.of(BatchBytes.records(rows, table -> 0)))) {
            expected.put(new byte[] {1, 2}, new byte[300]);
            expected.delete(new byte[] {3});

            assertThat(serialized.data()).isEqualTo(expected.data());
        }
    }

    @Test
    void aSerializedBatchIsWrittenAsOneAndReadBack() {
        byte[] firstKey = Keys.device(7, "scsi_host1");
        byte[] secondKey = Keys.device(7, "scsi_host2");
        try (Store store = Store.open(directory, false)) {
            try (WriteBatch batch = BatchBytes.batch(List.of(BatchBytes.records(List.of(
                    Row.put(Table.DEVICES, firstKey, new byte[] {1}),
                    Row.put(Table.DEVICES, secondKey, new byte[] {2})), store::columnFamilyId)))) {
                store.write(batch);
            }
            try (WriteBatch batch = BatchBytes.batch(List.of(BatchBytes.records(List.of(
                    Row.delete(Table.DEVICES, firstKey),
                    Row.put(Table.OFFSETS, Keys.partition(3), StoredValues.offset(42))), store::columnFamilyId)))) {
                store.write(batch);
            }
            try (Store.ReadView view = store.readView(true)) {
                assertThat(view.get(Table.DEVICES, firstKey)).isEmpty();
                assertThat(view.get(Table.DEVICES, secondKey)).hasValueSatisfying(
                        value -> assertThat(value).containsExactly(2));
                assertThat(view.get(Table.OFFSETS, Keys.partition(3)).map(StoredValues::offset)).contains(42L);
            }
        }
    }

    @Test
    void noRowsMakeAnEmptyBatch() {
        try (WriteBatch empty = BatchBytes.batch(List.of(BatchBytes.records(List.of(), table -> 1)));
                WriteBatch expected = new WriteBatch()) {
            assertThat(empty.count()).isZero();
            assertThat(empty.getDataSize()).isEqualTo(expected.getDataSize());
        }
    }

    private static List<Row> randomRows(Random random, int count) {
        Table[] tables = Table.values();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Table table = tables[random.nextInt(tables.length)];
            byte[] key = bytes(random, LENGTHS[random.nextInt(LENGTHS.length - 1)] + 1);
            rows.add(random.nextInt(4) == 0 ? Row.delete(table, key)
                    : Row.put(table, key, bytes(random, LENGTHS[random.nextInt(LENGTHS.length)])));
        }
        return rows;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
