package io.nodedex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Measures how long a {@link Churn.Change} takes to show in the API: polls
 * {@code GET /v1/hosts/{host}/devices/{name}} back to back over a keep-alive connection until the
 * HBA's vport count is at least the change's (counts only grow, so a later change showing first
 * also counts), and answers the time from the change's observation to the answer that showed it.
 * Its resolution is one request's round trip. Every probe is bounded by a deadline and a poll count.
 *
 * <p>Threading: safe for concurrent probes ({@link HttpClient} is).
 */
final class Probe {

    private static final int MAX_POLLS = 200_000;
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
