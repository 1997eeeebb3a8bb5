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
 * @param parts the hosts' rows, host by host, then the rows over all hosts, serialized
 * @param nextOffsets for each partition of the poll, the offset after its last record
 * @param tally what the poll did; {@link #writeTo} fills in the write volume
 * @param hostKeys the hosts whose events the poll folded: while its batch is written, a later poll
 *     may be folded only when it has none of them
 * @param wwpns the WWPNs whose {@link Table#BY_WWPN} rows the batch changes: a later poll folded
 *     while this batch is written works out their duplicate-WWPN rows after it ({@link PollFold#readAhead})
 */
record FoldedPoll(List<BatchBytes.Records> parts, Map<Integer, Long> nextOffsets, Tally tally,
        Set<Long> hostKeys, Set<Long> wwpns) {

    /** The poll's batch for {@code store}: its parts, then the rows that store the consumed offsets. */
    WriteBatch batch(Store store) {
        List<Row> offsets = new ArrayList<>();
        nextOffsets.forEach((partition, offset) ->
                offsets.add(Row.put(Table.OFFSETS, Keys.partition(partition), StoredValues.offset(offset))));
        List<BatchBytes.Records> records = new ArrayList<>(parts);
        records.add(BatchBytes.records(offsets, store::columnFamilyId));
        return BatchBytes.batch(records);
    }

    /** Applies the poll's batch atomically; returns the tally with the write volume. */
    Tally writeTo(Store store) {
        try (WriteBatch batch = batch(store)) {
            store.write(batch);
            tally.rowsWritten = batch.count();
            tally.bytesWritten = batch.getDataSize();
        }
        return tally;
    }
}
