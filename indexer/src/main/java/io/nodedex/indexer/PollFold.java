package io.nodedex.indexer;

import io.nodedex.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the events of one poll into one atomic {@link WriteBatch}: the state, every index
 * change and the consumed offsets together, so a crash at any instant leaves the database equal
 * to a clean replay up to the stored offsets.
 *
 * <p>Events of one host must be given in log order; hosts may interleave freely. Events are
 * folded and {@link #foldHosts() their hosts' rows} worked out reading only those hosts' state,
 * so both may run while a batch of other hosts is written; {@link #finish()} reads across hosts
 * and must wait for it. Used by one thread; close it (after or instead of {@link #commit()}) to
 * release its read view, which reads the state as it is at each read.
 */
final class PollFold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollFold.class);

    private final Store store;
    private final HostKeys hostKeys;
    private final Workers workers;
    private final Admission admission;
    private final Store.ReadView reads;
    private final Map<Long, HostBatch> hosts = new LinkedHashMap<>();
    private final Map<Integer, Long> nextOffsets = new TreeMap<>();
    private final Tally tally = new Tally();
    private final Duration historyRetention;
    private Optional<List<HostRows>> hostRows = Optional.empty();

    PollFold(Store store, HostKeys hostKeys, Workers workers, Admission admission, Duration historyRetention) {
        this.store = store;
        this.hostKeys = hostKeys;
        this.workers = workers;
        this.admission = admission;
        this.historyRetention = historyRetention;
        this.reads = store.readView(false);
    }

    /**
     * Folds one event.
     *
     * @param carried the devices the event carries, with their stored forms ({@link StoredDevice#carriedBy})
     * @return why the event is refused (a host-key collision, or {@link Admission}'s reason), or
     *     empty when it was folded (applied or skipped as already applied)
     */
    Optional<String> apply(Received received, List<StoredDevice> carried) {
        if (hostRows.isPresent()) {
            throw new IllegalStateException("the hosts' rows are worked out; no event can be folded after them");
        }
        Event event = received.event();
        String hostId = event.header().hostId();
        long hostKey = hostKeys.keyOf(hostId);
        HostBatch host = hosts.get(hostKey);
        if (host == null) {
            Optional<HostRecord> stored = reads.get(Table.HOSTS, Keys.host(hostKey)).map(StoredValues::host);
            if (stored.isPresent() && !stored.get().hostId().equals(hostId)) {
                return Optional.of(collision(hostId, hostKey, stored.get().hostId()));
            }
            host = new HostBatch(reads, hostKey, hostId, stored, admission, historyRetention);
            hosts.put(hostKey, host);
        } else if (!host.hostId().equals(hostId)) {
            return Optional.of(collision(hostId, hostKey, host.hostId()));
        }
        return host.apply(received, carried, tally);
    }

    private String collision(String hostId, long hostKey, String holder) {
        tally.hostKeyCollisions++;
        String reason = "host key collision: host '" + hostId + "' has key " + HexFormat.of().toHexDigits(hostKey)
                + ", already held by host '" + holder + "'; its events are refused, never merged";
        LOG.error(reason);
        return reason;
    }

    /** Records that the poll consumed {@code partition} up to (not including) {@code nextOffset}. */
    void consumed(int partition, long nextOffset) {
        nextOffsets.merge(partition, nextOffset, Math::max);
    }

    /**
     * The hosts of the poll, by host key: the state the fold reads and writes is theirs alone, but
     * for the rows {@link #finish()} adds over all hosts.
     */
    Set<Long> hostKeys() {
        return Set.copyOf(hosts.keySet());
    }

    /**
     * Works out the hosts' rows (loaded, merged, encoded) in parallel, once. Reads only the state
     * of the poll's own hosts, so it may run while a batch that leaves them alone is written.
     */
    void foldHosts() {
        if (hostRows.isEmpty()) {
            hostRows = Optional.of(workers.map(List.copyOf(hosts.values()), host -> {
                List<Row> rows = host.changes();
                return new HostRows(BatchBytes.records(rows, store::columnFamilyId), FleetFindings.inputs(rows));
            }));
        }
    }

    /** One host's rows, serialized, and those of them {@link FleetFindings} reads. */
    private record HostRows(BatchBytes.Records records, List<Row> fleetInputs) {
    }

    /**
     * The poll's batch, ready to be written: the hosts' rows ({@link #foldHosts()}) in host order,
     * then the rows over all hosts, read from the state as it is now (so the batch before must be
     * written): the audit rows that span hosts ({@link FleetFindings}), the history's horizon and
     * the change feed's, then the consumed offsets.
     */
    FoldedPoll finish() {
        foldHosts();
        List<BatchBytes.Records> parts = new ArrayList<>(hostRows.orElseThrow().size() + 1);
        hostRows.get().forEach(host -> parts.add(host.records()));
        List<Row> fleet = new ArrayList<>(
                FleetFindings.rows(reads, hostRows.get().stream().map(HostRows::fleetInputs).toList()));
        historyHorizon().ifPresent(fleet::add);
        fleet.addAll(changesHorizon());
        parts.add(BatchBytes.records(fleet, store::columnFamilyId));
        return new FoldedPoll(parts, new TreeMap<>(nextOffsets), tally, hostKeys());
    }

    /**
     * The {@link Table#HISTORY_HORIZON} row when this poll pruned history past it: the latest of
     * the oldest versions kept, over every device ever pruned (see {@link DeviceHistory}).
     */
    private Optional<Row> historyHorizon() {
        Optional<Instant> pruned = hosts.values().stream().map(HostBatch::historyKeptFrom).flatMap(Optional::stream)
                .max(Instant::compareTo);
        if (pruned.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> stored = reads.get(Table.HISTORY_HORIZON, Keys.historyHorizon())
                .map(bytes -> DeviceHistory.instant(StoredValues.count(bytes)));
        if (stored.isPresent() && !pruned.get().isAfter(stored.get())) {
            return Optional.empty();
        }
        return Optional.of(Row.put(Table.HISTORY_HORIZON, Keys.historyHorizon(),
                Keys.longs(DeviceHistory.micros(pruned.get()))));
    }

    /**
     * The {@link Table#CHANGES_HORIZON} rows of the partitions where this poll pruned a change
     * past the stored horizon.
     */
    private List<Row> changesHorizon() {
        Map<Integer, Long> pruned = new TreeMap<>();
        hosts.values().forEach(host -> host.prunedChanges().forEach((partition, offset) ->
                pruned.merge(partition, offset, Math::max)));
        List<Row> rows = new ArrayList<>();
        pruned.forEach((partition, offset) -> {
            Optional<Long> stored = reads.get(Table.CHANGES_HORIZON, ChangeRows.horizonKey(partition))
                    .map(StoredValues::offset);
            if (stored.isEmpty() || stored.get() < offset) {
                rows.add(Row.put(Table.CHANGES_HORIZON, ChangeRows.horizonKey(partition), Keys.longs(offset)));
            }
        });
        return rows;
    }

    /** Writes the poll's batch atomically ({@link #finish()}, then {@link FoldedPoll#writeTo}) and returns what it did. */
    Tally commit() {
        return finish().writeTo(store);
    }

    @Override
    public void close() {
        reads.close();
    }
}
