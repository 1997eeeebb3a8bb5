package io.nodedex.api;

import static io.nodedex.testkit.Devices.liveHba;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.device.Device;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.testkit.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions are events, over real HTTP on a real broker and RocksDB, without agents (so granted
 * requests stay reserved until they expire): concurrent requests for the last vports of a parent
 * never both win, a fabric criterion spills over to the next parent by the policy, a repeated
 * request id answers the same, and an expiry releases the vport. {@link VhbaReplicasAgreeTest}:
 * a second replica of the same log holds the same reservations.
 */
@ExtendWith(SharedKafka.class)
class VhbaRequestsApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventTopics TOPICS = EventTopics.named("vhba.events");
    private static final long FABRIC = 0x1000_0005_1e9a_0001L;
    /** 4 vports, 2 in use: two free. */
    private static final Device TWO_FREE = liveHba("scsi_host1", 0x2000_0000_0000_0001L, 0x1000_0000_0000_0001L,
            FABRIC, 4, 2);
    private static final Device ROOMY = liveHba("scsi_host2", 0x2000_0000_0000_0002L, 0x1000_0000_0000_0002L,
            FABRIC, 64, 0);
    private static final Device ONE_FREE = liveHba("scsi_host1", 0x2000_0000_0000_0003L, 0x1000_0000_0000_0003L,
            FABRIC, 4, 3);
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    @TempDir
    static Path data;
    private static String bootstrapServers;
    private static Replica replica;
    private static Http http;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka) {
        bootstrapServers = kafka.bootstrapServers();
        TOPICS.createWith(kafka::createTopic);
        List<Event> events = List.of(Events.of("named", Source.UDEV).snapshot(TWO_FREE, ROOMY),
                Events.of("fabric", Source.UDEV).snapshot(TWO_FREE, ROOMY),
                Events.of("retry", Source.UDEV).snapshot(TWO_FREE, ROOMY),
                Events.of("silent", Source.UDEV).snapshot(ONE_FREE),
                Events.of("audited", Source.UDEV).snapshot(ROOMY));
        TestFleet.publish(bootstrapServers, TOPICS.events().name(), events, false);
        replica = Replica.start(config("one"), TestReplicas.loopback(2),
                Optional.of(new CommandSettings(SigningKey.generate(), TIMEOUT)));
        http = TestReplicas.awaitReady(replica);
    }

    private static IndexerConfig config(String name) {
        return TestReplicas.indexer(bootstrapServers, data.resolve(name), TOPICS);
    }

    @AfterAll
    static void stop() {
        replica.close();
    }

    @Test
    void ofSixConcurrentRequestsForANamedParentWithTwoFreeVportsExactlyTwoWin() throws Exception {
        List<Http.Reply> replies = concurrently(6, i -> "{\"host\": \"named\", \"parent\": \"scsi_host1\","
                + " \"requestId\": \"named-" + i + "\"}");

        List<Http.Reply> won = replies.stream().filter(reply -> reply.status() == 202).toList();
        List<Http.Reply> refused = replies.stream().filter(reply -> reply.status() == 404).toList();
        assertThat(won).hasSize(2);
        assertThat(refused).hasSize(4);
        for (Http.Reply reply : won) {
            assertThat(json(reply).get("state").asText()).isEqualTo("reserved");
            assertThat(json(reply).get("parent").asText()).isEqualTo("scsi_host1");
            assertThat(reply.headers().firstValue("Location")).get().asString().startsWith("/v1/vhba-requests/named-");
        }
        for (Http.Reply reply : refused) {
            assertThat(json(reply).at("/error/message").asText()).isEqualTo("named parent scsi_host1 on host named"
                    + " cannot take a vport: full: 4 of 4 vports in use");
            assertThat(json(reply).get("parent").isNull()).isTrue();
            assertThat(json(reply).get("candidates").isArray()).isTrue();
        }
    }

    @Test
    void withAFabricCriterionTheRestGoToTheNextParentByThePolicy() throws Exception {
        List<Http.Reply> replies = concurrently(5, i -> "{\"host\": \"fabric\", \"parentFabricWwn\": \"0x"
                + Long.toHexString(FABRIC) + "\", \"requestId\": \"fabric-" + i + "\"}");

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(202));
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parents.add(json(http.get("/v1/vhba-requests/fabric-" + i)).get("parent").asText());
        }
        assertThat(parents).filteredOn("scsi_host1"::equals).hasSize(2);
        assertThat(parents).filteredOn("scsi_host2"::equals).hasSize(3);

    }

    @Test
    void theSameRequestIdAgainAnswersTheSameAndAnotherBodyUnderItIsAConflict() {
        String body = "{\"host\": \"retry\", \"requestId\": \"retry-1\", \"policy\": \"most-free\"}";
        Http.Reply first = http.sendBody("POST", "/v1/vhbas?wait=0", body);
        Await.until("the replica", () -> http.get("/v1/vhba-requests/retry-1").status() == 200);
        Http.Reply again = http.sendBody("POST", "/v1/vhbas?wait=0", body);
        Http.Reply other = http.sendBody("POST", "/v1/vhbas?wait=0",
                "{\"host\": \"retry\", \"requestId\": \"retry-1\", \"parent\": \"scsi_host1\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(json(again).get("parent").asText()).isEqualTo("scsi_host2");
        assertThat(other.status()).isEqualTo(409);
        assertThat(json(other).at("/error/message").asText()).isEqualTo("request id retry-1 is already used for"
                + " another request (create any policy=most-free wwnn=- wwpn=-), not create name scsi_host1"
                + " policy=lowest-wwpn wwnn=- wwpn=-; choose another id");
    }

    @Test
    void aHostThatNeverAnswersHasItsRequestExpiredAndTheVportReleased() {
        Http.Reply reserved = http.sendBody("POST", "/v1/vhbas?wait=1s",
                "{\"host\": \"silent\", \"parent\": \"scsi_host1\", \"requestId\": \"silent-1\"}");
        Http.Reply full = http.sendBody("POST", "/v1/vhbas?wait=1s",
                "{\"host\": \"silent\", \"parent\": \"scsi_host1\", \"requestId\": \"silent-2\"}");
        Await.until("the expiry", () -> json(http.get("/v1/vhba-requests/silent-1")).path("state").asText()
                .equals("expired"));
        Http.Reply afterExpiry = http.sendBody("POST", "/v1/vhbas?wait=0",
                "{\"host\": \"silent\", \"parent\": \"scsi_host1\", \"requestId\": \"silent-3\"}");

        assertThat(reserved.status()).as(reserved.body()).isEqualTo(202);
        assertThat(full.status()).isEqualTo(404);
        assertThat(json(http.get("/v1/vhba-requests/silent-1")).get("reason").asText())
                .isEqualTo("host silent did not answer within 4 s; the request failed and its vport was released");
        Await.until("the next request", () -> json(http.get("/v1/vhba-requests/silent-3")).path("state").asText()
                .equals("reserved"));
        assertThat(afterExpiry.status()).isIn(202, 404);
        JsonNode audit = json(http.get("/v1/vhba-requests"));
        assertThat(audit.get("unsuccessful").findValuesAsText("requestId")).contains("silent-1");
    }

    @Test
    void theAuditOfRequestsIsWalkedAPageAtATimeInTheOrderOfRequestIdThenHost() {
        List<String> ids = List.of("audited-1", "audited-2", "audited-3", "audited-4", "audited-5");
        for (String id : List.of("audited-5", "audited-3", "audited-1", "audited-4", "audited-2")) {
            assertThat(http.sendBody("POST", "/v1/vhbas?wait=0", "{\"host\": \"audited\", \"requestId\": \"" + id
                    + "\"}").status()).isEqualTo(202);
        }
        for (String id : ids) {
            Await.until(id + " to expire", () -> json(http.get("/v1/vhba-requests/" + id)).path("state").asText()
                    .equals("expired"));
        }

        List<String> walked = new ArrayList<>();
        int pages = 0;
        String path = "/v1/vhba-requests?limit=2";
        while (path != null) {
            JsonNode page = json(http.get(path));
            pages++;
            assertThat(page.get("overdue").size() + page.get("unsuccessful").size()).isLessThanOrEqualTo(2);
            page.get("unsuccessful").forEach(request -> {
                if (request.get("host").asText().equals("audited")) {
                    walked.add(request.get("requestId").asText());
                }
            });
            path = page.has("next") ? "/v1/vhba-requests?limit=2&cursor=" + page.get("next").asText() : null;
        }

        assertThat(walked).isEqualTo(ids);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(http.get("/v1/vhba-requests?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/v1/vhba-requests?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        assertThat(error(http.sendBody("POST", "/v1/vhbas", "{\"host\": \"named\", \"requestId\": \"b1\","
                + " \"color\": \"red\"}"))).startsWith("unknown field 'color' in the body");
        assertThat(error(http.sendBody("POST", "/v1/vhbas", "{\"host\": \"named\", \"requestId\": \"b2\","
                + " \"parent\": \"scsi_host1\", \"parentFabricWwn\": \"0x1\"}")))
                .startsWith("conflicting parent criteria parent and parentFabricWwn");
        assertThat(error(http.sendBody("POST", "/v1/vhbas", "{\"host\": \"named\", \"requestId\": \"b3\","
                + " \"wwpn\": \"0xnothex\"}"))).startsWith("field wwpn: ");
        assertThat(error(http.sendBody("POST", "/v1/vhbas", "{\"host\": \"named\"}")))
                .startsWith("missing field requestId");
        assertThat(error(http.sendBody("POST", "/v1/vhbas", "{\"host\": \"named\", \"requestId\": 7}")))
                .startsWith("the body is not the JSON object expected");
        assertThat(http.sendBody("POST", "/v1/vhbas", "{\"host\": \"nobody\", \"requestId\": \"b4\"}").status())
                .isEqualTo(404);
    }

    private static String error(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        return json(reply).at("/error/message").asText();
    }

    private static List<Http.Reply> concurrently(int count, java.util.function.IntFunction<String> body)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String each = body.apply(i);
                replies.add(pool.submit(() -> new Http(replica.server().address()).sendBody("POST", "/v1/vhbas?wait=1s",
                        each)));
            }
            List<Http.Reply> done = new ArrayList<>();
            for (Future<Http.Reply> reply : replies) {
                done.add(reply.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode json(Http.Reply reply) {
        try {
            return MAPPER.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
