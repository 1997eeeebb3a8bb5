package io.nodedex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long a {@link Churn.Change} takes to show in the API: polls
 * {@code GET /v1/hosts/{host}/devices/{name}} over a keep-alive connection, one request every
 * {@value #POLL_PAUSE_MICROS} µs, until the HBA's vport count is at least the change's (counts only
 * grow, so a later change showing first also counts), and answers the time from the change's
 * observation to the answer that showed it. Its resolution is one request's round trip plus the
 * pause; the pause keeps the probes from taking the CPU the system under test needs (back-to-back
 * polling on four threads kept two cores busy by itself). Every probe is bounded by a deadline and
 * a poll count.
 *
 * <p>Threading: safe for concurrent probes ({@link HttpClient} is).
 */
final class Probe {

    private static final int MAX_POLLS = 200_000;
    private static final long POLL_PAUSE_MICROS = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final InetSocketAddress api;
    private final Duration deadline;

    Probe(HttpClient client, InetSocketAddress api, Duration deadline) {
        this.client = client;
        this.api = api;
        this.deadline = deadline;
    }

    /** Nanoseconds from observation to first sight; empty when not seen within the deadline. */
    OptionalLong freshnessNanos(Churn.Change change) throws IOException, InterruptedException {
        long giveUp = change.observedNanos() + deadline.toNanos();
        for (int poll = 0; poll < MAX_POLLS && System.nanoTime() - giveUp < 0; poll++) {
            HttpResponse<byte[]> response = client.send(BenchFleet.request(api, change.path()),
                    HttpResponse.BodyHandlers.ofByteArray());
            long seen = System.nanoTime();
            if (response.statusCode() == 200 && vports(response.body()) >= change.vports()) {
                return OptionalLong.of(seen - change.observedNanos());
            }
            LockSupport.parkNanos(POLL_PAUSE_MICROS * 1000);
        }
        return OptionalLong.empty();
    }

    /** The vport count in a {@code {"host", "device"}} answer; -1 without one. */
    private static int vports(byte[] body) throws IOException {
        for (JsonNode capability : MAPPER.readTree(body).path("device").path("capabilities")) {
            if ("vport_ops".equals(capability.path("type").asText())) {
                return capability.path("vports").asInt(-1);
            }
        }
        return -1;
    }
}
