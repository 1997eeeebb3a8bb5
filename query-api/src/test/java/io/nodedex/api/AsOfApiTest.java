package io.nodedex.api;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.HostRetired;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asOf} on every state route over real HTTP, on a replica (real indexer, real RocksDB,
 * history retention of three and a half days) of a real broker, for a fleet that changes at
 * known times (November 2026):
 * <ul>
 *   <li>1 November: host a has HBA scsi_host1 and vHBA scsi_host7 under it (fabric F); b has HBA
 *       scsi_host1 (F); c has HBA scsi_host2 and vHBA scsi_host8 naming scsi_host5, which c does
 *       not have (fabric G); n has parents scsi_host1 (4 vports, none in use) and scsi_host2 (4
 *       vports, 1 in use by its vHBA scsi_host20) (fabric N);</li>
 *   <li>3 November: n's scsi_host1 fills up: 2 vports in use, by new vHBAs scsi_host11 and
 *       scsi_host12, so most-free now picks scsi_host2 (3 free against 2);</li>
 *   <li>5 November: the vHBA's WWPN moves: a's scsi_host7 goes, b gets scsi_host9;</li>
 *   <li>7 November: c gets scsi_host3, an HBA with the WWPN of b's scsi_host1 (a duplicate);</li>
 *   <li>9 November: c's scsi_host3 goes; a sends a heartbeat (its last event);</li>
 *   <li>11 November: c is retired.</li>
 * </ul>
 * Host p's HBA took a new WWPN each day from 1 to 10 October, so the retention pruned its
 * versions before 6 October: the history is complete from then on. Every expected answer is
 * written from these facts.
 */
@ExtendWith(SharedKafka.class)
class AsOfApiTest {

    private static final EventTopics TOPICS = EventTopics.named("asof.events");
    private static final long F = 0x2000_0000_0000_0f01L;
    private static final long G = 0x2000_0000_0000_0f02L;
    private static final long N = 0x2000_0000_0000_0f03L;
    private static final long P = 0x2000_0000_0000_0f04L;
    private static final long VHBA_WWPN = 0x1001_0000_0000_0001L;
    private static final long B_WWPN = 0x1000_0000_0000_00b1L;
    private static final Instant OCTOBER_1 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOVEMBER_1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOVEMBER_3 = Instant.parse("2026-11-03T00:00:00Z");
    private static final Instant NOVEMBER_5 = Instant.parse("2026-11-05T00:00:00Z");
    private static final Instant NOVEMBER_7 = Instant.parse("2026-11-07T00:00:00Z");
    private static final Instant NOVEMBER_9 = Instant.parse("2026-11-09T00:00:00Z");
    private static final Instant NOVEMBER_11 = Instant.parse("2026-11-11T00:00:00Z");
    private static final String BEFORE = "2026-10-31T00:00:00Z";
    private static final String NOV_2 = "2026-11-02T00:00:00Z";
    private static final String NOV_4 = "2026-11-04T00:00:00Z";
    private static final String NOV_6 = "2026-11-06T00:00:00Z";
    private static final String NOV_8 = "2026-11-08T00:00:00Z";
    private static final String NOV_10 = "2026-11-10T00:00:00Z";
    private static final String NOV_12 = "2026-11-12T00:00:00Z";

    private static final Device A_HBA = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, F);
    private static final Device A_VHBA = vhba("scsi_host7", "scsi_host1", 0x2001_0000_0000_0001L, VHBA_WWPN, F);
    private static final Device B_HBA = hba("scsi_host1", 0x2000_0000_0000_00b1L, B_WWPN, F);
    private static final Device B_VHBA = vhba("scsi_host9", "scsi_host1", 0x2001_0000_0000_0001L, VHBA_WWPN, F);
    private static final Device C_HBA = hba("scsi_host2", 0x2000_0000_0000_00c2L, 0x1000_0000_0000_00c2L, G);
    private static final Device C_ORPHAN = vhba("scsi_host8", "scsi_host5", 0x2001_0000_0000_00c8L,
            0x1001_0000_0000_00c8L, G);
    private static final Device C_DUPLICATE = hba("scsi_host3", 0x2000_0000_0000_00c3L, B_WWPN, G);
    private static final Device N_VHBA_20 = vhba("scsi_host20", "scsi_host2", 0x2001_0000_0000_0020L,
            0x1001_0000_0000_0020L, N);
    private static final Device N_VHBA_11 = vhba("scsi_host11", "scsi_host1", 0x2001_0000_0000_0011L,
            0x1001_0000_0000_0011L, N);
    private static final Device N_VHBA_12 = vhba("scsi_host12", "scsi_host1", 0x2001_0000_0000_0012L,
            0x1001_0000_0000_0012L, N);

    @TempDir
    static Path data;

    private static Replica replica;
    private static Http http;

    @BeforeAll
    static void startReplica(EmbeddedKafkaBroker kafka) {
        TOPICS.createWith(kafka::createTopic);
        Events a = Events.of("a", Source.LIBVIRT);
        Events b = Events.of("b", Source.LIBVIRT);
        Events c = Events.of("c", Source.LIBVIRT);
        Events n = Events.of("n", Source.LIBVIRT);
        Events p = Events.of("p", Source.LIBVIRT);
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            events.add(p.observedAt(OCTOBER_1.plus(Duration.ofDays(day)))
                    .upsert(hba("scsi_host1", 0x2000_0000_0000_00f1L, 0x1000_0000_0000_0f00L + day, P)));
        }
        Device n1 = liveHba("scsi_host1", 0x2000_0000_0000_0d01L, 0x1000_0000_0000_0d01L, N, 4, 0);
        Device n2 = liveHba("scsi_host2", 0x2000_0000_0000_0d02L, 0x1000_0000_0000_0d02L, N, 4, 1);
        Device n1Filling = liveHba("scsi_host1", 0x2000_0000_0000_0d01L, 0x1000_0000_0000_0d01L, N, 4, 2);
        events.addAll(List.of(
                a.observedAt(NOVEMBER_1).snapshot(A_HBA, A_VHBA),
                b.observedAt(NOVEMBER_1).snapshot(B_HBA),
                c.observedAt(NOVEMBER_1).snapshot(C_HBA, C_ORPHAN),
                n.observedAt(NOVEMBER_1).snapshot(n1, n2, N_VHBA_20),
                n.observedAt(NOVEMBER_3).snapshot(n1Filling, n2, N_VHBA_20, N_VHBA_11, N_VHBA_12),
                a.observedAt(NOVEMBER_5).remove("scsi_host7"),
                b.observedAt(NOVEMBER_5).upsert(B_VHBA),
                c.observedAt(NOVEMBER_7).upsert(C_DUPLICATE),
                c.observedAt(NOVEMBER_9).remove("scsi_host3"),
                a.observedAt(NOVEMBER_9).heartbeat(),
                c.observedAt(NOVEMBER_11).next(new HostRetired())));
        TestFleet.publish(kafka.bootstrapServers(), TOPICS.events().name(), events, false);
        replica = Replica.start(TestReplicas.indexer(kafka.bootstrapServers(), data.resolve("db"), TOPICS)
                .withHistoryRetention(Duration.ofDays(3).plusHours(12)), TestReplicas.loopback(2));
        http = TestReplicas.awaitReady(replica);
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    // ---- hosts

    @Test
    void theHostsThenAreThoseWithDevicesThenAndARetiredHostUntilItWasRetired() {
        JsonNode before = ok("/v1/hosts?asOf=" + BEFORE);
        assertThat(before.get("asOf").asText()).isEqualTo(BEFORE);
        assertThat(texts(before.get("hosts"), "host")).as("only p had devices in October").containsExactly("p");
        assertThat(walk("/v1/hosts?asOf=" + NOV_2, "hosts", host -> host.get("host").asText()))
                .containsExactly("a", "b", "c", "n", "p");
        assertThat(walk("/v1/hosts?asOf=" + NOV_12, "hosts", host -> host.get("host").asText()))
                .containsExactly("a", "b", "n", "p");
        assertThat(walk("/v1/hosts", "hosts", host -> host.get("host").asText()))
                .as("now, for comparison").containsExactly("a", "b", "n", "p");
    }

    @Test
    void aHostsLastSeenAndStaleThenAreWhatTheHistoryTells() {
        // a's newest version at or before 6 November is of 5 November; its heartbeat of 9 November came later
        JsonNode sixth = ok("/v1/hosts/a?asOf=" + NOV_6);
        assertThat(sixth.get("lastSeen").asText()).isEqualTo("2026-11-05T00:00:00Z");
        assertThat(sixth.get("stale").asBoolean()).as("heard from after 6 November").isFalse();
        // on 10 November a had been silent since its last event of all, a day before
        JsonNode tenth = ok("/v1/hosts/a?asOf=" + NOV_10);
        assertThat(tenth.get("lastSeen").asText()).isEqualTo("2026-11-09T00:00:00Z");
        assertThat(tenth.get("stale").asBoolean()).isTrue();
        assertThat(tenth.get("asOf").asText()).isEqualTo(NOV_10);
    }

    @Test
    void aHostThenHasItsDevicesThenAndARetiredOneIsUnknownAfter() {
        JsonNode a = ok("/v1/hosts/a?asOf=" + NOV_2);
        assertThat(a.get("deviceCount").asInt()).isEqualTo(2);
        assertThat(texts(a.get("vportParents"))).containsExactly("scsi_host1");
        assertThat(texts(a.get("vhbas"))).containsExactly("scsi_host7");
        assertThat(texts(ok("/v1/hosts/a?asOf=" + NOV_6).get("vhbas"))).isEmpty();
        JsonNode c = ok("/v1/hosts/c?asOf=" + NOV_8);
        assertThat(c.get("deviceCount").asInt()).isEqualTo(3);
        assertThat(texts(c.get("vportParents"))).containsExactly("scsi_host2", "scsi_host3");
        assertError(http.get("/v1/hosts/c?asOf=" + NOV_12), 404, "not_found", "as of 2026-11-12T00:00:00Z");
        assertError(http.get("/v1/hosts/a?asOf=" + BEFORE), 404, "not_found", "unknown host 'a'");
    }

    @Test
    void aHostsDevicesThenFilteredAndWalkedInPages() {
        assertThat(walk("/v1/hosts/c/devices?asOf=" + NOV_8 + "&limit=1", "devices", d -> d.get("name").asText()))
                .containsExactly("scsi_host2", "scsi_host3", "scsi_host8");
        assertThat(walk("/v1/hosts/c/devices?cap=fc_host&asOf=" + NOV_10, "devices", d -> d.get("name").asText()))
                .containsExactly("scsi_host2", "scsi_host8");
        JsonNode page = ok("/v1/hosts/a/devices?asOf=" + NOV_6);
        assertThat(page.get("asOf").asText()).isEqualTo(NOV_6);
        assertThat(page.at("/devices/0")).isEqualTo(ok("/v1/hosts/a/devices/scsi_host1").get("device"));
        assertError(http.get("/v1/hosts/c/devices?asOf=" + NOV_12), 404, "not_found", "unknown host 'c'");
    }

    // ---- vHBAs

    @Test
    void theVhbasThenFollowTheMoveTheNewVhbasAndTheRetirementWalkedInPages() {
        assertThat(walk("/v1/vhbas?limit=1&asOf=" + NOV_2, "vhbas", AsOfApiTest::assignment))
                .containsExactly("a/scsi_host7 ok", "c/scsi_host8 missing", "n/scsi_host20 ok");
        assertThat(walk("/v1/vhbas?limit=2&asOf=" + NOV_6, "vhbas", AsOfApiTest::assignment))
                .containsExactly("b/scsi_host9 ok", "c/scsi_host8 missing", "n/scsi_host11 ok", "n/scsi_host12 ok",
                        "n/scsi_host20 ok");
        assertThat(walk("/v1/vhbas?limit=1&asOf=" + NOV_12, "vhbas", AsOfApiTest::assignment))
                .containsExactly("b/scsi_host9 ok", "n/scsi_host11 ok", "n/scsi_host12 ok", "n/scsi_host20 ok");
        assertThat(walk("/v1/vhbas?host=a&asOf=" + NOV_2, "vhbas", AsOfApiTest::assignment))
                .containsExactly("a/scsi_host7 ok");
        assertThat(walk("/v1/vhbas?host=a&asOf=" + NOV_6, "vhbas", AsOfApiTest::assignment)).isEmpty();
        assertError(http.get("/v1/vhbas?host=c&asOf=" + NOV_12), 404, "not_found", "unknown host 'c'");
    }

    @Test
    void aCursorContinuesOnlyTheListOfItsTime() {
        String cursor = ok("/v1/vhbas?limit=1&asOf=" + NOV_2).get(Paging.NEXT).asText();
        assertError(http.get("/v1/vhbas?limit=1&asOf=" + NOV_6 + "&cursor=" + cursor), 400, "bad_cursor", "asOf");
        assertError(http.get("/v1/vhbas?limit=1&cursor=" + cursor), 400, "bad_cursor", "asOf");
        String now = ok("/v1/hosts?limit=1").get(Paging.NEXT).asText();
        assertError(http.get("/v1/hosts?limit=1&asOf=" + NOV_2 + "&cursor=" + now), 400, "bad_cursor", "asOf");
    }

    // ---- fabrics

    @Test
    void aFabricsMembersThen() {
        assertThat(walk("/v1/fabrics/" + wwn(F) + "?limit=1&asOf=" + NOV_2, "members", AsOfApiTest::member))
                .containsExactly("a/scsi_host1 hba", "a/scsi_host7 vhba", "b/scsi_host1 hba");
        assertThat(walk("/v1/fabrics/" + wwn(F) + "?asOf=" + NOV_6, "members", AsOfApiTest::member))
                .containsExactly("a/scsi_host1 hba", "b/scsi_host1 hba", "b/scsi_host9 vhba");
        JsonNode n = ok("/v1/fabrics/" + wwn(N) + "?asOf=" + NOV_2);
        assertThat(n.get("asOf").asText()).isEqualTo(NOV_2);
        assertThat(n.at("/members/0/freeVports").asInt()).as("n's scsi_host1 on 2 November").isEqualTo(4);
        assertThat(ok("/v1/fabrics/" + wwn(N) + "?asOf=" + NOV_4).at("/members/0/freeVports").asInt()).isEqualTo(2);
        assertError(http.get("/v1/fabrics/" + wwn(G) + "?asOf=" + NOV_12), 404, "not_found",
                "fabric " + wwn(G) + " as of 2026-11-12T00:00:00Z");
    }

    // ---- audit

    @Test
    void theFindingsThenCountTheDuplicateWhileItLastedAndTheOrphanUntilItsHostWasRetired() {
        JsonNode second = ok("/v1/audit?asOf=" + NOV_2);
        assertThat(second.get("asOf").asText()).isEqualTo(NOV_2);
        assertThat(findings(second)).containsExactly("vhba_without_parent [c/scsi_host8]");
        assertThat(second.at("/counts/vhba_without_parent").asLong()).isEqualTo(1);
        assertThat(second.at("/counts/duplicate_wwpn").asLong()).isZero();

        assertThat(walk("/v1/audit?limit=1&asOf=" + NOV_8, "findings", AsOfApiTest::finding)).containsExactly(
                "duplicate_wwpn [b/scsi_host1, c/scsi_host3]", "vhba_without_parent [c/scsi_host8]");
        JsonNode eighth = ok("/v1/audit?limit=1&asOf=" + NOV_8);
        assertThat(eighth.at("/counts/duplicate_wwpn").asLong()).isEqualTo(1);
        assertThat(eighth.at("/counts/vhba_without_parent").asLong()).isEqualTo(1);

        JsonNode twelfth = ok("/v1/audit?asOf=" + NOV_12);
        assertThat(twelfth.get("findings")).isEmpty();
        assertThat(twelfth.at("/counts/vhba_without_parent").asLong()).isZero();
    }

    @Test
    void theStaleHostsThenAreThoseCertainlySilentThen() {
        // on 10 November: a silent since 9 November (its last event), b since 5 November, n since
        // 3 November, p since 10 October; c was heard from later (retired on 11 November: unknown)
        JsonNode tenth = ok("/v1/audit?asOf=" + NOV_10);
        assertThat(texts(tenth.get("staleHosts"), "host")).containsExactly("a", "b", "n", "p");
        assertThat(tenth.get("staleHostCount").asLong()).isEqualTo(4);
        // on 6 November a and c were heard from later; b's last event was of 5 November
        assertThat(texts(ok("/v1/audit?asOf=" + NOV_6).get("staleHosts"), "host")).containsExactly("b", "n", "p");
    }

    // ---- NPIV

    @Test
    void theNpivParentThenIsChosenFromTheParentsAsTheyWereThen() {
        JsonNode second = ok("/v1/npiv/parent?host=n&policy=most-free&asOf=" + NOV_2);
        assertThat(second.at("/parent/name").asText()).isEqualTo("scsi_host1");
        assertThat(second.at("/parent/freeVports").asInt()).isEqualTo(4);
        assertThat(second.get("asOf").asText()).isEqualTo(NOV_2);
        JsonNode fourth = ok("/v1/npiv/parent?host=n&policy=most-free&asOf=" + NOV_4);
        assertThat(fourth.at("/parent/name").asText()).isEqualTo("scsi_host2");
        assertThat(fourth.at("/parent/freeVports").asInt()).isEqualTo(3);
        assertThat(ok("/v1/npiv/parent?host=n&policy=most-free").at("/parent/name").asText()).isEqualTo("scsi_host2");
        assertThat(ok("/v1/npiv/parent?host=a&asOf=" + NOV_2).at("/parent/name").asText()).isEqualTo("scsi_host1");
        assertError(http.get("/v1/npiv/parent?host=c&asOf=" + NOV_12), 404, "not_found", "unknown host 'c'");
    }

    // ---- refusals

    @Test
    void everyRouteRefusesAMalformedAFutureAndAnUnkeptAsOf() {
        for (String route : List.of("/v1/hosts?", "/v1/hosts/a?", "/v1/hosts/a/devices?", "/v1/vhbas?",
                "/v1/vhbas?host=a&", "/v1/audit?", "/v1/fabrics/" + wwn(F) + "?", "/v1/npiv/parent?host=a&")) {
            assertError(http.get(route + "asOf=yesterday"), 400, "bad_request", "'yesterday' is not an RFC 3339 time");
            assertError(http.get(route + "asOf=2999-01-01T00:00:00Z"), 400, "bad_request",
                    "2999-01-01T00:00:00Z is in the future");
            assertError(http.get(route + "asOf=2026-10-02T00:00:00Z"), 400, "bad_request",
                    "complete from 2026-10-06T00:00:00Z");
        }
    }

    // ---- helpers

    private static String assignment(JsonNode node) {
        return node.get("host").asText() + "/" + node.get("name").asText() + " " + node.at("/parent/status").asText();
    }

    private static String member(JsonNode node) {
        return node.get("host").asText() + "/" + node.get("name").asText() + " " + node.get("role").asText();
    }

    private static String finding(JsonNode node) {
        List<String> devices = new ArrayList<>();
        node.get("devices").forEach(d -> devices.add(d.get("host").asText() + "/" + d.get("name").asText()));
        return node.get("kind").asText() + " " + devices;
    }

    private static List<String> findings(JsonNode body) {
        List<String> all = new ArrayList<>();
        body.get("findings").forEach(node -> all.add(finding(node)));
        return all;
    }

    private static String wwn(long value) {
        return String.format("%016x", value);
    }

    /** Every item of a list route, page by page from {@code path}, each seen through {@code item}. */
    private static List<String> walk(String path, String field, Function<JsonNode, String> item) {
        List<String> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(path + (cursor == null ? "" : "&cursor=" + cursor));
            page.get(field).forEach(node -> items.add(item.apply(node)));
            cursor = page.has(Paging.NEXT) ? page.get(Paging.NEXT).asText() : null;
        } while (cursor != null);
        return items;
    }

    private static JsonNode ok(String path) {
        Http.Reply reply = http.get(path);
        assertThat(reply.status()).as("status of %s: %s", path, reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.get(field).asText()));
        return texts;
    }

    private static void assertError(Http.Reply reply, int status, String code, String messagePart) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).contains(messagePart);
    }
}
