package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.codec.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A real {@link Store} in a directory, fed events directly (no Kafka): one call is one poll. */
final class FoldHarness implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final Store store;
    private final HostKeys hostKeys;
    private final Counters counters = new Counters();
    private final Workers workers = new Workers(2);
    private final Admission admission;
    private Duration historyRetention = IndexerConfig.DEFAULT_HISTORY_RETENTION;

    private FoldHarness(Store store, HostKeys hostKeys, Admission admission) {
        this.store = store;
        this.hostKeys = hostKeys;
        this.admission = admission;
    }

    /** A harness that checks no signatures and allows an hour of clock skew, as an indexer by default. */
    static FoldHarness open(Path directory) {
        return open(directory, HostKeys.FARM_HASH);
    }

    static FoldHarness open(Path directory, HostKeys hostKeys) {
        return new FoldHarness(Store.open(directory, false), hostKeys,
                new Admission(Optional.empty(), Duration.ofHours(1)));
    }

    static FoldHarness open(Path directory, Admission admission) {
        return new FoldHarness(Store.open(directory, false), HostKeys.FARM_HASH, admission);
    }

    /** This harness keeping each device's versions for {@code retention} before its newest. */
    FoldHarness withHistoryRetention(Duration retention) {
        historyRetention = retention;
        return this;
    }

    /**
     * Folds the events as one poll, unsigned and without timestamps; returns, per event, why it
     * was refused (if it was). Each event lies at {@link #positionOf its own position}.
     */
    List<Optional<String>> poll(List<Event> events) {
        return pollReceived(events.stream().map(FoldHarness::received).toList());
    }

    /**
     * Where the harness places an event in its log: derived from the event's own numbers, so a
     * replayed event lies where it lay before, as in a log where each event is recorded once,
     * however the test interleaves and replays them.
     */
    static LogPosition positionOf(Event event) {
        EventHeader header = event.header();
        return new LogPosition(header.source().ordinal(),
                Math.floorMod(header.incarnation(), 1L << 20) * (1L << 40) + header.sequence());
    }

    /** Folds the records as one poll; returns, per record, why it was refused (if it was). */
    List<Optional<String>> pollReceived(List<Received> records) {
        List<Optional<String>> refusals = new ArrayList<>();
        try (PollFold fold = new PollFold(store, hostKeys, workers, admission, historyRetention)) {
            for (Received record : records) {
                refusals.add(fold.apply(record, devicesOf(record.event())));
            }
            counters.add(fold.commit());
        }
        return refusals;
    }

    /**
     * Folds the events as one poll the way the indexer does: each host key's events in order, the
     * hosts in parallel on the workers ({@link PollFold#host}); returns, per event, why it was
     * refused (if it was).
     */
    List<Optional<String>> pollByHost(List<Event> events) {
        Map<Long, List<Integer>> hosts = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            hosts.computeIfAbsent(hostKeys.keyOf(events.get(i).header().hostId()), key -> new ArrayList<>()).add(i);
        }
        List<Optional<String>> refusals = new ArrayList<>(Collections.nCopies(events.size(), Optional.empty()));
        try (PollFold fold = new PollFold(store, hostKeys, workers, admission, historyRetention)) {
            List<Map<Integer, Optional<String>>> refused = new ArrayList<>();
            List<PollFold.HostFold> folded = workers.map(List.copyOf(hosts.entrySet()), host -> {
                PollFold.HostFold folding = fold.host(host.getKey());
                Map<Integer, Optional<String>> outcomes = new TreeMap<>();
                for (int i : host.getValue()) {
                    Event event = events.get(i);
                    outcomes.put(i, folding.apply(received(event), devicesOf(event)));
                }
                synchronized (refused) {
                    refused.add(outcomes);
                }
                return folding.work();
            });
            fold.add(folded);
            counters.add(fold.commit());
            refused.forEach(outcomes -> outcomes.forEach(refusals::set));
        }
        return refusals;
    }

    /**
     * Folds two polls as the indexer's pipeline does when the second has none of the first's
     * hosts: the second's events and its hosts' rows, and its rows over all hosts but for what the
     * first changes, while the first's batch is not yet written; once it is, the rest.
     */
    void pollsPipelined(List<Event> first, List<Event> second) {
        try (PollFold written = new PollFold(store, hostKeys, workers, admission, historyRetention);
                PollFold meanwhile = new PollFold(store, hostKeys, workers, admission, historyRetention)) {
            first.forEach(event -> written.apply(received(event), devicesOf(event)));
            FoldedPoll batch = written.finish();
            second.forEach(event -> meanwhile.apply(received(event), devicesOf(event)));
            meanwhile.readAhead(batch.wwpns());
            counters.add(batch.writeTo(store));
            counters.add(meanwhile.finish().writeTo(store));
        }
    }

    /** The event's devices with their stored forms, taken from its message as the indexer takes them. */
    private static List<StoredDevice> devicesOf(Event event) {
        return StoredDevice.carriedBy(event, CODEC.decodeWithDevices(CODEC.encode(event)).storedDevices());
    }

    private static Received received(Event event) {
        return new Received(event, Optional.empty(), Optional.empty(), positionOf(event));
    }

    List<Optional<String>> poll(Event... events) {
        return poll(List.of(events));
    }

    String digest() {
        try (Store.ReadView view = store.readView(true)) {
            return StateDigest.of(view);
        }
    }

    /** The digest of the current state alone, without the history ({@link StateDigest#ofCurrentState}). */
    String currentStateDigest() {
        try (Store.ReadView view = store.readView(true)) {
            return StateDigest.ofCurrentState(view);
        }
    }

    /** Every key of the table, in key order. */
    List<byte[]> keys(Table table) {
        List<byte[]> keys = new ArrayList<>();
        try (Store.ReadView view = store.readView(true)) {
            view.scanAll(table, (key, value) -> keys.add(key));
        }
        return keys;
    }

    /** Every row of the table, in key order. */
    java.util.SortedMap<byte[], byte[]> rows(Table table) {
        java.util.SortedMap<byte[], byte[]> rows = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
        try (Store.ReadView view = store.readView(true)) {
            view.scanAll(table, rows::put);
        }
        return rows;
    }

    IndexReader reader() {
        return new StoreReader(store, hostKeys, IngestStatus::unknown, counters);
    }

    VhbaRequests requests() {
        return new StoreVhbaRequests(store, hostKeys);
    }

    IndexerCounters counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        workers.close();
        store.close();
    }
}
