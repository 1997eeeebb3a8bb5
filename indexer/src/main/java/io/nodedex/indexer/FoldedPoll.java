package io.nodedex.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rocksdb.WriteBatch;

/**
 * One poll, folded: its rows in the order they are to be written, serialized as RocksDB takes
 * them ({@link BatchBytes}), the offsets it consumed up to, and what it did. Written as one atomic
 * batch by {@link #writeTo}, the offsets in the same batch as the state they produced
 * (docs/design.md, "How the indexer applies a poll").
 *
 * @param parts the hosts' rows, host by host, then the rows over all hosts
 * @param nextOffsets for each partition of the poll, the offset after its last record
 * @param tally what the poll did; {@link #writeTo} fills in the write volume
 * @param hostKeys the hosts whose events the poll folded: while its batch is written, a later poll
 *     may be folded only when it has none of them
 */
record FoldedPoll(List<Part> parts, Map<Integer, Long> nextOffsets, Tally tally, Set<Long> hostKeys) {

    /** Some rows of the batch, in order, and their serialized records. */
    record Part(List<Row> rows, BatchBytes.Records records) {

        static Part of(List<Row> rows, Store store) {
            return new Part(rows, BatchBytes.records(rows, store::columnFamilyId));
        }
    }

    /** Every row of the batch but the offsets, in order. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        parts.forEach(part -> rows.addAll(part.rows()));
        return rows;
    }

    /** The rows that store the consumed offsets, written last. */
    List<Row> offsetRows() {
        List<Row> rows = new ArrayList<>();
        nextOffsets.forEach((partition, offset) ->
                rows.add(Row.put(Table.OFFSETS, Keys.partition(partition), StoredValues.offset(offset))));
        return rows;
    }

    /** Applies the poll's batch atomically; returns the tally with the write volume. */
    Tally writeTo(Store store) {
        List<BatchBytes.Records> records = new ArrayList<>(parts.size() + 1);
        parts.forEach(part -> records.add(part.records()));
        records.add(BatchBytes.records(offsetRows(), store::columnFamilyId));
        try (WriteBatch batch = BatchBytes.batch(records)) {
            store.write(batch);
            tally.rowsWritten = batch.count();
            tally.bytesWritten = batch.getDataSize();
        }
        return tally;
    }
}
