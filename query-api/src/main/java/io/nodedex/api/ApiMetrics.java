package io.nodedex.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.IndexerCounters;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToLongFunction;

/**
 * The server's Prometheus metrics (Micrometer):
 * <ul>
 *   <li>{@code nodedex_indexer_events_applied_total}, {@code nodedex_indexer_dead_letters_total},
 *       {@code nodedex_indexer_duplicates_skipped_total}, {@code nodedex_indexer_sequence_gaps_total}:
 *       the replica's indexer counters;</li>
 *   <li>{@code nodedex_indexer_consumer_lag_records}: records between the replica's positions and
 *       the log end; {@code nodedex_indexer_ready}: 1 once caught up;</li>
 *   <li>{@code nodedex_rocksdb_size_bytes}: the replica's database (live SST files and
 *       memtables);</li>
 *   <li>{@code nodedex_api_response_cache_hits_total}, {@code nodedex_api_response_cache_misses_total},
 *       {@code nodedex_api_response_cache_bytes} (the weight it holds, within its bound);</li>
 *   <li>{@code nodedex_api_connections_open}, {@code nodedex_api_connections_refused_total} (closed
 *       at once: over the connection cap), {@code nodedex_api_connections_timed_out_total} tagged
 *       {@code reason} {@code idle} or {@code header} (closed by a clock of {@link ReadTimeouts});</li>
 *   <li>{@code http_server_requests_seconds} (count, sum, histogram buckets) tagged with
 *       {@code method}, {@code route} (the route template, e.g. {@code /v1/wwpn/{wwn}}, or
 *       {@code unmatched}) and {@code status}.</li>
 * </ul>
 * Thread-safe: requests are recorded from every event loop and the executor.
 */
final class ApiMetrics {

    /** The route tag of requests that matched no route (bounded cardinality). */
    static final String UNMATCHED = "unmatched";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String method, String route, int status) {
    }

    ApiMetrics(IndexReader reader, Readiness readiness, ResponseCache cache, ConnectionGuard connections,
            ReadTimeouts.Clocks clocks) {
        counter("nodedex.indexer.events.applied", "events the indexer applied", reader, IndexerCounters::eventsApplied);
        counter("nodedex.indexer.dead.letters", "records sent to the dead-letter topic", reader,
                IndexerCounters::deadLetters);
        counter("nodedex.indexer.duplicates.skipped", "events at or below their source's watermark (no-ops)", reader,
                IndexerCounters::duplicatesSkipped);
        counter("nodedex.indexer.sequence.gaps", "events applied after a gap in their source's sequence", reader,
                IndexerCounters::sequenceGaps);
        counter("nodedex.indexer.rebootstraps", "times the replica started over because its positions left the log",
                reader, IndexerCounters::rebootstraps);
        Gauge.builder("nodedex.indexer.consumer.lag", reader, r -> r.ingestStatus().lag())
                .description("records between the replica's positions and the log end")
                .baseUnit("records")
                .strongReference(true)
                .register(registry);
        Gauge.builder("nodedex.indexer.ready", readiness, r -> r.check() ? 1 : 0)
                .description("1 once the replica has caught up with the log end seen at start")
                .strongReference(true)
                .register(registry);
        Gauge.builder("nodedex.rocksdb.size", reader, IndexReader::storageBytes)
                .description("the replica's RocksDB database: live SST files plus memtables")
                .baseUnit(BaseUnits.BYTES)
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("nodedex.api.response.cache.hits", cache, ResponseCache::hits)
                .description("inventory answers served from the response cache")
                .register(registry);
        FunctionCounter.builder("nodedex.api.response.cache.misses", cache, ResponseCache::misses)
                .description("inventory answers computed (not in the cache, or computed on an older state)")
                .register(registry);
        Gauge.builder("nodedex.api.connections.open", connections, ConnectionGuard::open)
                .description("connections the API listener holds open")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("nodedex.api.connections.refused", connections, ConnectionGuard::refused)
                .description("connections closed at once because the connection limit was reached")
                .register(registry);
        FunctionCounter.builder("nodedex.api.connections.timed.out", clocks, ReadTimeouts.Clocks::idleClosed)
                .description("connections closed by the idle timeout or the header timeout")
                .tag("reason", "idle")
                .register(registry);
        FunctionCounter.builder("nodedex.api.connections.timed.out", clocks, ReadTimeouts.Clocks::headerClosed)
                .description("connections closed by the idle timeout or the header timeout")
                .tag("reason", "header")
                .register(registry);
        Gauge.builder("nodedex.api.response.cache", cache, ResponseCache::bytes)
                .description("the bytes the response cache holds: keys, bodies and a fixed overhead per entry")
                .baseUnit(BaseUnits.BYTES)
                .strongReference(true)
                .register(registry);
    }

    private void counter(String name, String description, IndexReader reader, ToLongFunction<IndexerCounters> count) {
        FunctionCounter.builder(name, reader, r -> count.applyAsLong(r.counters()))
                .description(description)
                .register(registry);
    }

    /** Records one answered request. */
    void record(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new TimerKey(method, route, status), this::timer)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by route template, from decoded request to written answer")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram(true)
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }
}
