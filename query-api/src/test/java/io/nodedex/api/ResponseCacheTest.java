package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.nodedex.indexer.IngestStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

    private static final Staleness STALENESS = new Staleness(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            Duration.ofMinutes(5));

    private final AtomicReference<IngestStatus> status = new AtomicReference<>(at(10, 20));
    private final ResponseCache cache = new ResponseCache(status::get, STALENESS, 1 << 20);

    private static IngestStatus at(long partition0, long partition1) {
        TreeMap<Integer, Long> positions = new TreeMap<>(Map.of(0, partition0, 1, partition1));
        return new IngestStatus(positions, positions, 0, true, 0);
    }

    private static ApiResponse answer(HttpResponseStatus status, String body) {
        return new ApiResponse(status, ApiResponse.JSON, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void anAnswerIsServedWhileTheStateItWasComputedOnIsTheLatest() {
        ApiResponse answer = answer(HttpResponseStatus.OK, "{\"a\":1}");
        cache.put("/v1/hosts/h1", cache.version(), answer);

        assertThat(cache.get("/v1/hosts/h1")).contains(answer);
        status.set(at(10, 20)); // a new status object, same positions (an idle poll)
        assertThat(cache.get("/v1/hosts/h1")).contains(answer);
        assertThat(cache.get("/v1/hosts/h2")).isEmpty();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void anAppliedBatchInvalidatesEveryAnswer() {
        cache.put("/v1/hosts/h1", cache.version(), answer(HttpResponseStatus.OK, "{}"));

        status.set(at(11, 20));

        assertThat(cache.get("/v1/hosts/h1")).isEmpty();
    }

    @Test
    void anAnswerComputedUnderAnOlderVersionIsNeverServedForANewerOne() {
        ResponseCache.Version seen = cache.version();
        status.set(at(10, 21)); // a batch lands while the answer is computed

        cache.put("/v1/audit", seen, answer(HttpResponseStatus.OK, "{}"));

        assertThat(cache.get("/v1/audit")).isEmpty();
    }

    @Test
    void onlyAnswersOfTheStateAreKeptNotBadInputOrFailures() {
        cache.put("/a", cache.version(), answer(HttpResponseStatus.NOT_FOUND, "{}"));
        cache.put("/b", cache.version(), answer(HttpResponseStatus.CONFLICT, "{}"));
        cache.put("/c", cache.version(), answer(HttpResponseStatus.BAD_REQUEST, "{}"));
        cache.put("/d", cache.version(), answer(HttpResponseStatus.INTERNAL_SERVER_ERROR, "{}"));

        assertThat(cache.get("/a")).isPresent();
        assertThat(cache.get("/b")).isPresent();
        assertThat(cache.get("/c")).isEmpty();
        assertThat(cache.get("/d")).isEmpty();
    }

    @Test
    void aCacheOfZeroBytesIsOff() {
        ResponseCache off = new ResponseCache(status::get, STALENESS, 0);
        off.put("/a", off.version(), answer(HttpResponseStatus.OK, "{}"));

        assertThat(off.enabled()).isFalse();
        assertThat(off.get("/a")).isEmpty();
    }

    @Test
    void aFloodOfLookupsOfKeysThatDoNotExistNeverEvictsTheAnswersThatWereFound() {
        long budget = 1 << 20;
        ApiResponse found = answer(HttpResponseStatus.OK, "{\"wwpn\":\"1000000012341234\",\"matches\":[]}");
        cache.put("/v1/wwpn/1000000012341234", cache.version(), found);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);

        for (int i = 0; i < 100_000; i++) {
            String wwn = String.format("%016x", random.nextLong());
            cache.put("/v1/wwpn/" + wwn, cache.version(), answer(HttpResponseStatus.NOT_FOUND,
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"no fc_host has WWPN " + wwn + "\"}}"));
        }

        long hitsBefore = cache.hits();
        assertThat(cache.get("/v1/wwpn/1000000012341234")).contains(found);
        assertThat(cache.hits()).isEqualTo(hitsBefore + 1);
        assertThat(cache.bytes()).isPositive().isLessThanOrEqualTo(budget);
        assertThat(cache.notFoundBytes()).isPositive()
                .isLessThanOrEqualTo(budget / ResponseCache.NOT_FOUND_SHARE_DIVISOR);
    }

    @Test
    void theWeightFollowsWhatIsHeldAsEntriesAreReplacedAndGoStale() {
        ApiResponse answer = answer(HttpResponseStatus.OK, "{}");
        cache.put("/v1/hosts/h1", cache.version(), answer);
        cache.put("/v1/hosts/h1", cache.version(), answer);

        assertThat(cache.bytes()).isEqualTo(ResponseCache.ENTRY_OVERHEAD + 2 * "/v1/hosts/h1".length() + 2);

        status.set(at(11, 20));
        assertThat(cache.get("/v1/hosts/h1")).isEmpty();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void answersOfOneStateShareItsVersion() {
        ResponseCache.Version first = cache.version();
        status.set(at(10, 20));

        assertThat(cache.version()).isSameAs(first);
    }
}
