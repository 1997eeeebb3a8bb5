package io.nodedex.indexer;

import io.nodedex.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 * folded and their hosts' rows worked out reading only those hosts' state, so both may run while
 * a batch of other hosts is written; {@link #finish()} reads across hosts and must wait for it.
 * Two ways in: {@link #apply} folds events one by one and {@link #foldHosts()} then works out
 * their hosts' rows on the workers; or each host key's events are folded, and its rows worked
 * out, on a thread of their own ({@link #host}, then {@link #add}), so that an event is decoded,
 * folded and turned into rows while its objects are fresh, and none outlives its host's fold.
 *
 * <p>Threading: the poll is used by one thread, but for its {@link HostFold}s, each confined to
 * one thread at a time (hosts of different keys may be folded concurrently). Close it (after or
 * instead of {@link #commit()}) to release its read view, which reads the state as it is at each
 * read.
 */
final class PollFold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollFold.class);

    private final Store store;
    private final HostKeys hostKeys;
    private final Workers workers;
    private final Admission admission;
    private final Store.ReadView reads;
    /** The hosts {@link #apply} folded, in the order first seen, until {@link #foldHosts()}. */
    private final Map<Long, HostFold> applied = new LinkedHashMap<>();
    /** The hosts whose rows are worked out, in the order their rows go into the batch. */
    private final List<HostFold> folded = new ArrayList<>();
    private final Map<Integer, Long> nextOffsets = new TreeMap<>();
    private final Duration historyRetention;
    private boolean finished;
    /** What {@link #readAhead} worked out of the rows over all hosts; once set, no host can be added. */
    private Optional<FleetFindings.Ahead> ahead = Optional.empty();

    PollFold(Store store, HostKeys hostKeys, Workers workers, Admission admission, Duration historyRetention) {
        this.store = store;
        this.hostKeys = hostKeys;
        this.workers = workers;
        this.admission = admission;
        this.historyRetention = historyRetention;
        this.reads = store.readView(false);
    }

    /**
     * Folds one event, in the poll's own order.
     *
     * @param carried the devices the event carries, with their stored forms ({@link StoredDevice#carriedBy})
     * @return why the event is refused (a host-key collision, or {@link Admission}'s reason), or
     *     empty when it was folded (applied or skipped as already applied)
     */
    Optional<String> apply(Received received, List<StoredDevice> carried) {
        checkOpen();
        long hostKey = hostKeys.keyOf(received.event().header().hostId());
        return applied.computeIfAbsent(hostKey, HostFold::new).apply(received, carried);
    }

    /**
     * A fold of the events of the host of key {@code hostKey}, to be used on one other thread:
     * give it their events in log order, then {@link HostFold#work()} out its rows, and
     * {@link #add} it from the poll's thread. Any thread, until the poll is finished.
     */
    HostFold host(long hostKey) {
        checkOpen();
        return new HostFold(hostKey);
    }

    /**
     * Adds hosts folded and worked out ({@link HostFold#work()}) on other threads; their rows go
     * into the batch in this order.
     */
    void add(List<HostFold> hosts) {
        checkOpen();
        for (HostFold host : hosts) {
            if (!host.worked) {
                throw new IllegalArgumentException("the rows of host key " + HexFormat.of().toHexDigits(host.hostKey)
                        + " are not worked out");
            }
        }
        folded.addAll(hosts);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the poll is finished; nothing can be folded into it");
        }
        if (ahead.isPresent()) {
            throw new IllegalStateException("the rows over all hosts are read ahead; nothing can be folded into the poll");
        }
    }

    /**
     * One host key's share of a poll: the events of its host (the first host seen with that key;
     * any other's are refused as a collision) folded into a {@link HostBatch}, then its rows,
     * serialized. Confined to one thread at a time; reads only its own host's state.
     */
    final class HostFold {

        private final long hostKey;
        private final Tally tally = new Tally();
        /** The host's fold: empty until its first event, and again once its rows are worked out. */
        private Optional<HostBatch> batch = Optional.empty();
        private Optional<HostRows> rows = Optional.empty();
        private boolean worked;

        private HostFold(long hostKey) {
            this.hostKey = hostKey;
        }

        /**
         * Folds one event of this host key, in log order.
         *
         * @return why the event is refused, or empty when it was folded (applied or skipped)
         * @throws IllegalArgumentException when the event's host has another key: a programming error
         */
        Optional<String> apply(Received received, List<StoredDevice> carried) {
            if (worked) {
                throw new IllegalStateException("the host's rows are worked out; no event can be folded after them");
            }
            String hostId = received.event().header().hostId();
            if (hostKeys.keyOf(hostId) != hostKey) {
                throw new IllegalArgumentException("host '" + hostId + "' does not have key "
                        + HexFormat.of().toHexDigits(hostKey));
            }
            if (batch.isEmpty()) {
                Optional<HostRecord> stored = reads.get(Table.HOSTS, Keys.host(hostKey)).map(StoredValues::host);
                if (stored.isPresent() && !stored.get().hostId().equals(hostId)) {
                    return Optional.of(collision(hostId, stored.get().hostId()));
                }
                batch = Optional.of(new HostBatch(reads, hostKey, hostId, stored, admission, historyRetention));
            } else if (!batch.get().hostId().equals(hostId)) {
                return Optional.of(collision(hostId, batch.get().hostId()));
            }
            return batch.get().apply(received, carried, tally);
        }

        private String collision(String hostId, String holder) {
            tally.hostKeyCollisions++;
            String reason = "host key collision: host '" + hostId + "' has key " + HexFormat.of().toHexDigits(hostKey)
                    + ", already held by host '" + holder + "'; its events are refused, never merged";
            LOG.error(reason);
            return reason;
        }

        /**
         * Works out the host's rows (loaded, merged, encoded, serialized), once, then lets go of
         * everything its fold loaded: what waits for the batch is the rows. Returns this fold.
         */
        HostFold work() {
            if (!worked) {
                rows = batch.map(host -> {
                    List<Row> changes = host.changes();
                    return new HostRows(BatchBytes.records(changes, store::columnFamilyId),
                            FleetFindings.inputs(changes), host.historyKeptFrom(), Map.copyOf(host.prunedChanges()));
                });
                batch = Optional.empty();
                worked = true;
            }
            return this;
        }
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
        Set<Long> keys = new HashSet<>(applied.keySet());
        folded.forEach(host -> keys.add(host.hostKey));
        return Set.copyOf(keys);
    }

    /**
     * Works out the rows of the hosts {@link #apply} folded, in parallel. Reads only the state of
     * the poll's own hosts, so it may run while a batch that leaves them alone is written.
     */
    void foldHosts() {
        if (!applied.isEmpty()) {
            folded.addAll(workers.map(List.copyOf(applied.values()), HostFold::work));
            applied.clear();
        }
    }

    /**
     * What {@link #finish()} needs of one host once its rows are worked out: its rows, serialized,
     * those of them {@link FleetFindings} reads, and what it pruned of history and of the change feed.
     */
    private record HostRows(BatchBytes.Records records, List<Row> fleetInputs, Optional<Instant> historyKeptFrom,
            Map<Integer, Long> prunedChanges) {
    }

    /**
     * The poll's batch, ready to be written: the hosts' rows ({@link #foldHosts()}, {@link #add}) in host order,
     * then the rows over all hosts, read from the state as it is now (so the batch before must be
     * written), but for what {@link #readAhead} worked out: the audit rows that span hosts
     * ({@link FleetFindings}), the history's horizon and the change feed's, then the consumed offsets.
     */
    FoldedPoll finish() {
        foldHosts();
        List<HostRows> hosts = hostRows();
        FleetFindings.Ahead fleetAhead = ahead.orElseGet(() -> FleetFindings.ahead(reads, workers, fleetInputs(),
                Set.of()));
        finished = true;
        List<BatchBytes.Records> parts = new ArrayList<>(hosts.size() + 1);
        hosts.forEach(host -> parts.add(host.records()));
        List<Row> fleet = new ArrayList<>(FleetFindings.rows(reads, workers, fleetAhead));
        historyHorizon(hosts).ifPresent(fleet::add);
        fleet.addAll(changesHorizon(hosts));
        parts.add(BatchBytes.records(fleet, store::columnFamilyId));
        Tally tally = new Tally();
        folded.forEach(host -> tally.add(host.tally));
        return new FoldedPoll(parts, new TreeMap<>(nextOffsets), tally, hostKeys(), fleetAhead.wwpns());
    }

    /**
     * Works out what {@link #finish()} can of the rows over all hosts while the batch before is
     * written, on the workers ({@link FleetFindings#ahead}): everything but what that batch
     * changes, the duplicate-WWPN rows of {@code changedMeanwhile} ({@link FoldedPoll#wwpns()})
     * and the finding counts. Call it once every host is folded: no host can be added after it.
     */
    void readAhead(Set<Long> changedMeanwhile) {
        checkOpen();
        foldHosts();
        ahead = Optional.of(FleetFindings.ahead(reads, workers, fleetInputs(), changedMeanwhile));
    }

    private List<List<Row>> fleetInputs() {
        return hostRows().stream().map(HostRows::fleetInputs).toList();
    }

    /** The rows of the hosts worked out so far, in host order (a host that folded nothing has none). */
    private List<HostRows> hostRows() {
        return folded.stream().map(host -> host.rows).flatMap(Optional::stream).toList();
    }

    /**
     * The {@link Table#HISTORY_HORIZON} row when this poll pruned history past it: the latest of
     * the oldest versions kept, over every device ever pruned (see {@link DeviceHistory}).
     */
    private Optional<Row> historyHorizon(List<HostRows> hosts) {
        Optional<Instant> pruned = hosts.stream().map(HostRows::historyKeptFrom).flatMap(Optional::stream)
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
    private List<Row> changesHorizon(List<HostRows> hosts) {
        Map<Integer, Long> pruned = new TreeMap<>();
        hosts.forEach(host -> host.prunedChanges().forEach((partition, offset) ->
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
