package io.nodedex.api;

import io.nodedex.indexer.IngestStatus;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Whether the replica has caught up with the log: ready once it has applied every partition up
 * to the end offsets it saw first (the log end at start), and ready from then on, however far
 * the log moves ahead later (that is lag, reported in metrics, not unreadiness). A log whose
 * producers never pause would otherwise keep a replica unready forever.
 *
 * <p>Thread-safe: {@link #check()} may be called from any thread; the server also calls it
 * periodically from its start, so that the target is the log end seen near start even when
 * nobody asks.
 */
final class Readiness {

    private final Supplier<IngestStatus> status;
    private final AtomicReference<Optional<SortedMap<Integer, Long>>> target = new AtomicReference<>(Optional.empty());
    private volatile boolean ready;

    Readiness(Supplier<IngestStatus> status) {
        this.status = status;
    }

    /** Whether the replica is ready; takes the target end offsets when first known. */
    boolean check() {
        if (ready) {
            return true;
        }
        IngestStatus now = status.get();
        Optional<SortedMap<Integer, Long>> ends = target.updateAndGet(current ->
                current.isPresent() || now.endOffsets().isEmpty() ? current : Optional.of(now.endOffsets()));
        if (ends.isPresent() && reached(now.positions(), ends.get())) {
            ready = true;
        }
        return ready;
    }

    private static boolean reached(Map<Integer, Long> positions, Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    /** Why the replica is not ready (or that it is), for {@code /readyz} and 503 answers. */
    String describe() {
        if (check()) {
            return "caught up with the log end seen at start";
        }
        IngestStatus now = status.get();
        return target.get()
                .map(ends -> "catching up with the event log: at offsets " + now.positions()
                        + " of the end offsets " + ends + " seen at start")
                .orElse("waiting for the event log: its end offsets are not known yet (topic missing or broker"
                        + " unreachable)");
    }
}
