package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bearer tokens over real HTTP (docs/design.md, "API authentication"): a replica of the
 * {@link TestFleet} whose server reads a token file with a read token and an admin token.
 */
@ExtendWith(SharedKafka.class)
class AuthenticationTest {

    private static final EventTopics TOPICS = EventTopics.named("auth.events");
    /** The tokens; the file holds only their SHA-256, as sha256sum prints it. */
    private static final String READ_TOKEN = "test";
    private static final String ADMIN_TOKEN = "hello";
    private static final String TOKENS = "# the API's callers\n"
            + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 read  dashboard\n"
            + "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 admin ops-alice\n";
    private static final String HOST = "/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT;

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker broker;
    private static Path tokens;
    private static Replica replica;
    private static Http http;

    @BeforeAll
    static void startReplica(EmbeddedKafkaBroker kafka) throws IOException {
        broker = kafka;
        TOPICS.createWith(kafka::createTopic);
        TestFleet.publish(kafka.bootstrapServers(), TOPICS.events().name());
        tokens = Files.writeString(data.resolve("tokens"), TOKENS);
        replica = start("db", TestReplicas.loopback(1).withTokens(Optional.of(tokens)));
        http = TestReplicas.awaitReady(replica);
    }

    private static Replica start(String db, QueryServerConfig config) {
        return Replica.start(TestReplicas.indexer(broker.bootstrapServers(), data.resolve(db), TOPICS), config);
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/hosts", HOST, "/v1/wwpn/10000090fa000001", "/v1/audit", "/openapi.json", "/metrics",
        "/no/such/route", "/v1/wwpn/not-a-wwn"})
    void aRequestWithoutATokenIs401WithABearerChallengeInTheErrorShape(String path) {
        Http.Reply reply = http.get(path);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().firstValue("www-authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
        assertThat(reply.errorMessage()).contains("needs a bearer token: send Authorization: Bearer TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not-a-known-token-7c1f", "bearer  not-a-known-token-7c1f", "Basic ZGFzaDp0ZXN0",
        "Bearer", "Bearer not a token", "not-a-known-token-7c1f"})
    void anUnknownOrMalformedTokenIs401AndIsNeverEchoed(String authorization) {
        Http.Reply reply = http.send("GET", "/v1/hosts", "Authorization", authorization);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().firstValue("www-authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
        assertThat(reply.body()).doesNotContain("not-a-known-token", "ZGFzaDp0ZXN0");
    }

    @Test
    void aReadTokenReadsTheInventoryAndTheApisDescription() {
        assertThat(http.get("/v1/hosts", READ_TOKEN).json().get("hosts").size()).isEqualTo(TestFleet.HOSTS.size());
        assertThat(http.get(HOST, READ_TOKEN).json().get("host").asText()).isEqualTo(TestFleet.LIBVIRT_DEFAULT);
        assertThat(http.get("/openapi.json", READ_TOKEN).status()).isEqualTo(200);
        assertThat(http.send("HEAD", HOST, "Authorization", "Bearer " + READ_TOKEN).status()).isEqualTo(200);
        assertThat(http.get("/no/such/route", READ_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void theMetricsNeedTheAdminRoleAndAReadTokenIs403NamingWhoseTokenItIs() {
        Http.Reply read = http.get("/metrics", READ_TOKEN);
        Http.Reply admin = http.get("/metrics", ADMIN_TOKEN);

        assertThat(read.status()).isEqualTo(403);
        assertThat(read.errorCode()).isEqualTo("forbidden");
        assertThat(read.errorMessage())
                .isEqualTo("the token of 'dashboard' has the role read; GET /metrics needs the role admin");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("nodedex_indexer_events_applied_total");
    }

    @Test
    void anAdminTokenReadsEverythingAReadTokenMay() {
        assertThat(http.get("/v1/hosts", ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(http.get("/v1/vhbas", ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/healthz", "/readyz"})
    void healthAndReadinessStayOpenToEveryone(String path) {
        assertThat(http.get(path).status()).isEqualTo(200);
        assertThat(http.send("GET", path, "Authorization", "Bearer not-a-known-token").status()).isEqualTo(200);
    }

    @Test
    void anAnswerInTheResponseCacheIsStillRefusedWithoutAToken() {
        String devices = HOST + "/devices";
        assertThat(http.get(devices, READ_TOKEN).status()).isEqualTo(200);
        assertThat(http.get(devices, READ_TOKEN).status()).isEqualTo(200); // from the cache

        assertThat(http.get(devices).status()).isEqualTo(401);
        assertThat(http.send("HEAD", devices).status()).isEqualTo(401);
    }

    @Test
    void theWebPagesFilesAreOpenToAnyoneAndTheDataItReadsIsNot() {
        Http.Reply page = http.get("/");
        Http.Reply script = http.get("/ui/app.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("default-src 'self';"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(http.send("HEAD", "/ui/style.css").status()).isEqualTo(200);
        assertThat(http.get("/v1/hosts").status()).isEqualTo(401);
        assertThat(http.get("/ui/no-such-file.js").status()).isEqualTo(401); // not a file of the page: a path
    }

    @Test
    void theWebPagesFilesAreRevalidatedByTheirEntityTag() {
        String etag = http.get("/ui/app.js").headers().firstValue("etag").orElseThrow();

        Http.Reply again = http.send("GET", "/ui/app.js", "If-None-Match", etag);
        Http.Reply other = http.send("GET", "/ui/app.js", "If-None-Match", "\"0123\"");

        assertThat(http.get("/ui/app.js").headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("etag")).hasValue(etag);
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void theWebPagesFilesTakeOnlyGetAndHeadAndNoQueryParameters() {
        Http.Reply post = http.sendBody("POST", "/", "x");
        Http.Reply query = http.get("/?debug=1");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.errorCode()).isEqualTo("unknown_parameter");
        assertThat(query.errorMessage()).isEqualTo("the web page's file / takes no query parameters, got 'debug=1'");
    }

    @Test
    void withAMetricsListenerTheMetricsMoveToItAndNeedNoTokenThere() {
        try (Replica apart = start("db-apart", QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0))
                .withIoThreads(1).withTokens(Optional.of(tokens))
                .withMetricsListen(Optional.of(new InetSocketAddress("127.0.0.1", 0))))) {
            Http api = new Http(apart.server().address());
            Http operations = new Http(apart.server().metricsAddress().orElseThrow());

            assertThat(operations.get("/metrics").status()).isEqualTo(200);
            assertThat(operations.get("/healthz").status()).isEqualTo(200);
            assertThat(operations.get("/v1/hosts").status()).isEqualTo(404); // the API is not served there
            assertThat(operations.get("/").status()).isEqualTo(404); // nor the web page
            assertThat(api.get("/metrics", ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(api.get("/metrics").status()).isEqualTo(401);
        }
    }

    @Test
    void theApiIsNotServedBeyondLoopbackWithoutTokensUnlessThatIsSaidExplicitly() {
        QueryServerConfig everywhere = QueryServerConfig.of(new InetSocketAddress("0.0.0.0", 0)).withIoThreads(1);

        assertThatThrownBy(() -> start("db-open", everywhere)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("refusing to serve the API on 0.0.0.0:0 without tokens")
                .hasMessageContaining("--tokens FILE", "--allow-unauthenticated");
        try (Replica open = start("db-open", everywhere.withAllowUnauthenticated(true));
                Replica guarded = start("db-guarded", everywhere.withTokens(Optional.of(tokens)))) {
            assertThat(open.server().address().getAddress().isAnyLocalAddress()).isTrue();
            assertThat(guarded.server().address().getAddress().isAnyLocalAddress()).isTrue();
        }
    }
}
