package io.nodedex.indexer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One poll, folded: its rows in the order they are to be written, the offsets it consumed up to,
 * and what it did. Written as one atomic batch by {@link #writeTo}, the offsets in the same batch
 * as the state they produced (docs/design.md, "How the indexer applies a poll").
 *
 * @param rows the hosts' rows, host by host, then the fleet-wide audit rows
 * @param nextOffsets for each partition of the poll, the offset after its last record
 * @param tally what the poll did; {@link #writeTo} fills in the write volume
 * @param hostKeys the hosts whose events the poll folded: while its batch is written, a later poll
 *     may be folded only when it has none of them
 */
record FoldedPoll(List<List<Row>> rows, Map<Integer, Long> nextOffsets, Tally tally, Set<Long> hostKeys) {

    /** Builds the poll's batch and applies it atomically; returns the tally with the write volume. */
    Tally writeTo(Store store) {
        try (WriteBatch batch = new WriteBatch()) {
            for (List<Row> hostRows : rows) {
                for (Row row : hostRows) {
                    if (row.delete()) {
                        batch.delete(store.handle(row.table()), row.key());
                    } else {
                        batch.put(store.handle(row.table()), row.key(), row.value());
                    }
                }
            }
            for (Map.Entry<Integer, Long> offset : nextOffsets.entrySet()) {
                batch.put(store.handle(Table.OFFSETS), Keys.partition(offset.getKey()),
                        StoredValues.offset(offset.getValue()));
            }
            store.write(batch);
            tally.rowsWritten = batch.count();
            tally.bytesWritten = batch.getDataSize();
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot build the write batch: " + e.getMessage(), e);
        }
        return tally;
    }
}
