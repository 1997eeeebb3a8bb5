package io.nodedex.api;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalNotification;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.nodedex.indexer.IngestStatus;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>What is kept, and the bound (docs/design.md, "Query API", "The response cache"): 200 and
 * 409 answers in one part of the budget, 404 answers apart in a small part of their own
 * ({@value #NOT_FOUND_SHARE_DIVISOR}th), so that a flood of lookups of keys that do not exist can
 * only evict other 404s, never the answers that were found. Bad input costs nothing to refuse
 * again and failures may be transient: neither is kept. Each part is bounded by the bytes its
 * entries hold (the key's characters, the body, and a fixed overhead per entry for the objects
 * around them); least recently used entries go first. Every entry of a version shares one
 * {@link Version} object. Thread-safe.
 */
final class ResponseCache {

    /** The 404 part of the budget is the budget divided by this. */
    static final int NOT_FOUND_SHARE_DIVISOR = 8;
    /**
     * The bytes an entry holds besides its key's characters and its body: the key string and the
     * body array's headers, the answer, the entry, and the cache's own node, queue links and
     * table slot: about 200 bytes on a 64-bit JVM with compressed pointers, counted generously.
     * Keys count two bytes a character, also where the JVM stores one.
     */
    static final int ENTRY_OVERHEAD = 320;

    /** The positions an answer was computed under: what makes a hit valid. */
    record Version(long generation, SortedMap<Integer, Long> positions, long staleStep) {
    }

    private record Entry(Version version, ApiResponse response) {
    }

    private final Supplier<IngestStatus> status;
    private final Staleness staleness;
    private final Optional<Part> found;
    private final Optional<Part> notFound;
    private final AtomicReference<Version> latest = new AtomicReference<>(
            new Version(-1, new TreeMap<>(), -1));
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    ResponseCache(Supplier<IngestStatus> status, Staleness staleness, long maxBytes) {
        this.staleness = staleness;
        this.status = status;
        long notFoundBytes = maxBytes / NOT_FOUND_SHARE_DIVISOR;
        this.found = maxBytes <= 0 ? Optional.empty() : Optional.of(new Part(maxBytes - notFoundBytes));
        this.notFound = notFoundBytes <= 0 ? Optional.empty() : Optional.of(new Part(notFoundBytes));
    }

    boolean enabled() {
        return found.isPresent();
    }

    /**
     * The version of the state now; read it before computing an answer to store. The same object
     * as long as the state does not move, so that the entries of one version share it.
     */
    Version version() {
        IngestStatus now = status.get();
        Version seen = latest.get();
        if (seen.generation() == now.generation() && seen.staleStep() == staleness.step()
                && seen.positions().equals(now.positions())) {
            return seen;
        }
        Version next = new Version(now.generation(), now.positions(), staleness.step());
        latest.set(next);
        return next;
    }

    /** The answer to {@code uri} if one was computed under the current version. */
    Optional<ApiResponse> get(String uri) {
        Version now = version();
        Optional<ApiResponse> answer = found.flatMap(part -> part.get(uri, now))
                .or(() -> notFound.flatMap(part -> part.get(uri, now)));
        (answer.isPresent() ? hits : misses).increment();
        return answer;
    }

    /** Keeps {@code response} for {@code uri} when it is an answer worth keeping; returns it. */
    ApiResponse put(String uri, Version version, ApiResponse response) {
        int code = response.status().code();
        if (code == HttpResponseStatus.OK.code() || code == HttpResponseStatus.CONFLICT.code()) {
            found.ifPresent(part -> part.put(uri, new Entry(version, response)));
        } else if (code == HttpResponseStatus.NOT_FOUND.code()) {
            notFound.ifPresent(part -> part.put(uri, new Entry(version, response)));
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

    /** The weight of every entry held: at most the configured bytes. */
    long bytes() {
        return found.map(Part::bytes).orElse(0L) + notFound.map(Part::bytes).orElse(0L);
    }

    /** The weight of the 404 answers held: at most their share of the bytes. */
    long notFoundBytes() {
        return notFound.map(Part::bytes).orElse(0L);
    }

    static int weight(String uri, Entry entry) {
        return ENTRY_OVERHEAD + 2 * uri.length() + entry.response().body().length;
    }

    /** One bounded part: a Guava cache weighed in bytes, and the running sum of its weights. */
    private static final class Part {
        private final Cache<String, Entry> entries;
        private final LongAdder bytes = new LongAdder();

        Part(long maxBytes) {
            entries = CacheBuilder.newBuilder()
                    .maximumWeight(maxBytes)
                    .weigher(ResponseCache::weight)
                    .removalListener((RemovalNotification<String, Entry> removed) ->
                            bytes.add(-weight(removed.getKey(), removed.getValue())))
                    .concurrencyLevel(4)
                    .build();
        }

        Optional<ApiResponse> get(String uri, Version now) {
            Entry entry = entries.getIfPresent(uri);
            if (entry == null) {
                return Optional.empty();
            }
            if (!entry.version().equals(now)) {
                entries.asMap().remove(uri, entry); // computed on an older state: never served again
                return Optional.empty();
            }
            return Optional.of(entry.response());
        }

        void put(String uri, Entry entry) {
            bytes.add(weight(uri, entry));
            entries.put(uri, entry);
        }

        long bytes() {
            return bytes.sum();
        }
    }
}
