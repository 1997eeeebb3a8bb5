package io.nodedex.api;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.nodedex.indexer.IngestStatus;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Memoises the answers of the inventory routes per request URI, each tagged with the replica's
 * ingest positions when it was computed.
 *
 * <p>Why this is exact: the indexer's state is a pure function of the log prefix it has applied
 * (docs/design.md, "Order never changes the answer" and "Idempotent apply"; the offsets are
 * written in the same batch as the state), and every inventory answer is a pure function of the
 * state and the request. Every applied batch advances the positions, and the indexer publishes
 * them ({@link IngestStatus#positions()}: everything before them is in the state) only after the
 * batch is written. An entry is served only while the positions read before computing it are
 * still the latest published ones, so once a batch's positions are published, no answer computed
 * before that batch is served again; a request racing a batch sees the state just before or just
 * after it, as it would without the cache.
 *
 * <p>Only 200, 404 and 409 answers are kept (bad input costs nothing to refuse again; failures
 * may be transient). Bounded by the bytes of the bodies; least recently used entries go first.
 * Thread-safe.
 */
final class ResponseCache {

    /** The positions an answer was computed under: what makes a hit valid. */
    record Version(long generation, SortedMap<Integer, Long> positions, long staleStep) {
    }

    private record Entry(Version version, ApiResponse response) {
    }

    private final Supplier<IngestStatus> status;
    private final Staleness staleness;
    private final Optional<Cache<String, Entry>> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    ResponseCache(Supplier<IngestStatus> status, Staleness staleness, long maxBytes) {
        this.staleness = staleness;
        this.status = status;
        this.entries = maxBytes <= 0 ? Optional.empty() : Optional.of(CacheBuilder.newBuilder()
                .maximumWeight(maxBytes)
                .<String, Entry>weigher((uri, entry) -> uri.length() + entry.response().body().length + 64)
                .concurrencyLevel(4)
                .build());
    }

    boolean enabled() {
        return entries.isPresent();
    }

    /** The version of the state now; read it before computing an answer to store. */
    Version version() {
        IngestStatus now = status.get();
        return new Version(now.generation(), now.positions(), staleness.step());
    }

    /** The answer to {@code uri} if one was computed under the current version. */
    Optional<ApiResponse> get(String uri) {
        Optional<ApiResponse> answer = entries.flatMap(cache -> Optional.ofNullable(cache.getIfPresent(uri)))
                .filter(entry -> entry.version().equals(version()))
                .map(Entry::response);
        (answer.isPresent() ? hits : misses).increment();
        return answer;
    }

    /** Keeps {@code response} for {@code uri} when it is an answer worth keeping; returns it. */
    ApiResponse put(String uri, Version version, ApiResponse response) {
        int code = response.status().code();
        if (code == HttpResponseStatus.OK.code() || code == HttpResponseStatus.NOT_FOUND.code()
                || code == HttpResponseStatus.CONFLICT.code()) {
            entries.ifPresent(cache -> cache.put(uri, new Entry(version, response)));
        }
        return response;
    }

    /** Answers served from the cache. */
    long hits() {
        return hits.sum();
    }

    /** Answers looked up and not found for the current state (then computed). */
    long misses() {
        return misses.sum();
    }
}
