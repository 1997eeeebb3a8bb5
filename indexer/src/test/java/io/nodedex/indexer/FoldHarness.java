package io.nodedex.indexer;

import io.nodedex.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real {@link Store} in a directory, fed events directly (no Kafka): one call is one poll. */
final class FoldHarness implements AutoCloseable {

    private final Store store;
    private final HostKeys hostKeys;
    private final Counters counters = new Counters();
    private final Workers workers = new Workers(2);

    private FoldHarness(Store store, HostKeys hostKeys) {
        this.store = store;
        this.hostKeys = hostKeys;
    }

    static FoldHarness open(Path directory) {
        return open(directory, HostKeys.FARM_HASH);
    }

    static FoldHarness open(Path directory, HostKeys hostKeys) {
        return new FoldHarness(Store.open(directory, false), hostKeys);
    }

    /** Folds the events as one poll; returns, per event, why it was refused (if it was). */
    List<Optional<String>> poll(List<Event> events) {
        List<Optional<String>> refusals = new ArrayList<>();
        try (PollFold fold = new PollFold(store, hostKeys, workers)) {
            for (Event event : events) {
                refusals.add(fold.apply(event));
            }
            counters.add(fold.commit());
        }
        return refusals;
    }

    List<Optional<String>> poll(Event... events) {
        return poll(List.of(events));
    }

    String digest() {
        try (Store.ReadView view = store.readView(true)) {
            return StateDigest.of(view);
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

    IndexerCounters counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        workers.close();
        store.close();
    }
}
