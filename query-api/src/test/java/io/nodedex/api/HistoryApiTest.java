package io.nodedex.api;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Events;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * "History is state" over real HTTP, on a replica (real indexer, real RocksDB, history retention
 * of three and a half days) of a real broker: a vHBA's WWPN moves from host a to host b on
 * 25 October; host c's vHBA took a new WWPN each day from 1 to 10 October, so versions before
 * 6 October are pruned.
 */
@ExtendWith(SharedKafka.class)
class HistoryApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventTopics TOPICS = EventTopics.named("history.events");
    private static final long WWNN = 0x2001_0000_1234_1234L;
    private static final long WWPN = 0x1001_0000_1234_1234L;
    private static final long C_WWPN = 0x1002_0000_0000_0000L;
    private static final long FABRIC = 0x2000_0000_4321_4321L;
    private static final Instant OCTOBER_1 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant OCTOBER_6 = Instant.parse("2026-10-06T00:00:00Z");
    private static final Instant OCTOBER_20 = Instant.parse("2026-10-20T00:00:00Z");
    private static final Instant OCTOBER_25 = Instant.parse("2026-10-25T00:00:00Z");
    private static final Instant OCTOBER_25_LATER = OCTOBER_25.plusSeconds(60);
    private static final Device PARENT_A = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, FABRIC);
    private static final Device PARENT_B = hba("scsi_host1", 0x2000_0000_0000_00b1L, 0x1000_0000_0000_00b1L, FABRIC);
    private static final Device VHBA_ON_A = vhba("scsi_host7", "scsi_host1", WWNN, WWPN, FABRIC);
    private static final Device VHBA_ON_B = vhba("scsi_host9", "scsi_host1", WWNN, WWPN, FABRIC);

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
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            events.add(c.observedAt(OCTOBER_1.plus(Duration.ofDays(day)))
                    .upsert(vhba("scsi_host5", "scsi_host1", WWNN, C_WWPN + day, FABRIC)));
        }
        events.add(a.observedAt(OCTOBER_20).snapshot(PARENT_A, VHBA_ON_A));
        events.add(b.observedAt(OCTOBER_20).snapshot(PARENT_B));
        events.add(a.observedAt(OCTOBER_25).remove("scsi_host7"));
        events.add(b.observedAt(OCTOBER_25_LATER).upsert(VHBA_ON_B));
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

    // ---- device history

    @Test
    void aDeviceHistoryListsEachVersionOldestFirstFromWhenToWhenAndTheRemoval() {
        JsonNode body = ok("/v1/hosts/a/devices/scsi_host7/history");

        assertThat(body.get("host").asText()).isEqualTo("a");
        assertThat(body.get("name").asText()).isEqualTo("scsi_host7");
        JsonNode versions = body.get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("from").asText()).isEqualTo("2026-10-20T00:00:00Z");
        assertThat(versions.get(0).get("to").asText()).isEqualTo("2026-10-25T00:00:00Z");
        assertThat(versions.get(0).at("/device/name").asText()).isEqualTo("scsi_host7");
        assertThat(versions.get(0).at("/device/capabilities/1/wwpn").asText()).isEqualTo("1001000012341234");
        assertThat(versions.get(0).has("removed")).isFalse();
        assertThat(versions.get(0).get("change").asText()).isEqualTo("added");
        assertThat(versions.get(1).get("change").asText()).isEqualTo("removed");
        assertThat(versions.get(1).get("from").asText()).isEqualTo("2026-10-25T00:00:00Z");
        assertThat(versions.get(1).has("to")).as("the current version has no end").isFalse();
        assertThat(versions.get(1).get("removed").asBoolean()).isTrue();
        assertThat(versions.get(1).has("device")).isFalse();
    }

    @Test
    void theCurrentVersionIsTheDeviceTheLookupAnswers() {
        JsonNode versions = ok("/v1/hosts/b/devices/scsi_host9/history").get("versions");

        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("from").asText()).isEqualTo("2026-10-25T00:01:00Z");
        assertThat(versions.get(0).get("device")).isEqualTo(ok("/v1/hosts/b/devices/scsi_host9").get("device"));
    }

    @Test
    void aHistoryPrunedByTheRetentionSaysFromWhenItIsKept() {
        JsonNode body = ok("/v1/hosts/c/devices/scsi_host5/history");

        assertThat(body.get("historyKeptFrom").asText()).isEqualTo("2026-10-06T00:00:00Z");
        assertThat(texts(body.get("versions"), "from")).containsExactly("2026-10-06T00:00:00Z",
                "2026-10-07T00:00:00Z", "2026-10-08T00:00:00Z", "2026-10-09T00:00:00Z", "2026-10-10T00:00:00Z");
        JsonNode versions = body.get("versions");
        assertThat(versions.get(0).has("change")).as("what came before the oldest kept is not known").isFalse();
        // 7 October: the vHBA's port name went from ...05 to ...06
        assertThat(versions.get(1).get("change").asText()).isEqualTo("changed");
        assertThat(versions.get(1).get("fields")).hasSize(1);
        assertThat(versions.get(1).at("/fields/0/field").asText()).isEqualTo("fc_host wwpn");
        assertThat(versions.get(1).at("/fields/0/from").asText()).isEqualTo("1002000000000005");
        assertThat(versions.get(1).at("/fields/0/to").asText()).isEqualTo("1002000000000006");
    }

    @Test
    void historiesComeInPagesWithACursorLikeEveryList() {
        List<String> froms = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok("/v1/hosts/c/devices/scsi_host5/history?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            pages++;
            page.get("versions").forEach(version -> froms.add(version.get("from").asText()));
            cursor = page.has(Paging.NEXT) ? page.get(Paging.NEXT).asText() : null;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(froms).containsExactly("2026-10-06T00:00:00Z", "2026-10-07T00:00:00Z", "2026-10-08T00:00:00Z",
                "2026-10-09T00:00:00Z", "2026-10-10T00:00:00Z");
        String made = ok("/v1/hosts/c/devices/scsi_host5/history?limit=1").get(Paging.NEXT).asText();
        assertError(http.get("/v1/hosts/a/devices/scsi_host7/history?cursor=" + made), 400, "bad_cursor",
                "give the same host, name");
    }

    @Test
    void noHistoryIs404NamingTheDeviceOrTheUnknownHost() {
        assertError(http.get("/v1/hosts/a/devices/scsi_host99/history"), 404, "not_found",
                "host a has no history of a device 'scsi_host99'");
        assertError(http.get("/v1/hosts/nowhere/devices/scsi_host7/history"), 404, "not_found",
                "unknown host 'nowhere'");
    }

    // ---- WWPN history

    @Test
    void aWwpnThatMovedShowsWhichHostAndDeviceHeldItFromWhenToWhen() {
        JsonNode body = ok("/v1/wwpn/0x1001000012341234/history");

        assertThat(body.get("wwpn").asText()).isEqualTo("1001000012341234");
        JsonNode holders = body.get("holders");
        assertThat(holders).hasSize(2);
        assertThat(holders.get(0)).isEqualTo(json("""
                {"host": "a", "name": "scsi_host7", "from": "2026-10-20T00:00:00Z", "to": "2026-10-25T00:00:00Z"}"""));
        assertThat(holders.get(1)).isEqualTo(json("""
                {"host": "b", "name": "scsi_host9", "from": "2026-10-25T00:01:00Z"}"""));
        JsonNode first = ok("/v1/wwpn/1001000012341234/history?limit=1");
        assertThat(first.get("holders")).hasSize(1);
        assertThat(ok("/v1/wwpn/1001000012341234/history?limit=1&cursor=" + first.get(Paging.NEXT).asText())
                .get("holders").get(0).get("host").asText()).isEqualTo("b");
    }

    @Test
    void aWwpnNeverHeldIs404AndAMalformedOneIs400() {
        assertError(http.get("/v1/wwpn/1001000099999999/history"), 404, "not_found",
                "no fc_host ever had WWPN 1001000099999999");
        assertError(http.get("/v1/wwpn/nothex/history"), 400, "bad_request", "nothex");
    }

    // ---- asOf

    @Test
    void aDeviceAsOfATimeIsTheVersionInEffectThenInTodaysShape() {
        JsonNode then = ok("/v1/hosts/a/devices/scsi_host7?asOf=2026-10-22T00:00:00Z");

        assertThat(then.get("host").asText()).isEqualTo("a");
        assertThat(then.get("asOf").asText()).isEqualTo("2026-10-22T00:00:00Z");
        assertThat(then.at("/device/name").asText()).isEqualTo("scsi_host7");
        assertThat(then.at("/device/capabilities/1/wwpn").asText()).isEqualTo("1001000012341234");
        assertThat(ok("/v1/hosts/c/devices/scsi_host5?asOf=2026-10-07T12:00:00%2B02:00")
                .at("/device/capabilities/1/wwpn").asText()).as("an offset is a time too: 10:00 UTC, 7 October")
                .isEqualTo("1002000000000006");
        assertError(http.get("/v1/hosts/a/devices/scsi_host7"), 404, "not_found", "has no device 'scsi_host7'");
        assertError(http.get("/v1/hosts/a/devices/scsi_host7?asOf=2026-10-19T00:00:00Z"), 404, "not_found",
                "has no device 'scsi_host7' as of 2026-10-19T00:00:00Z");
    }

    @Test
    void aWwpnAsOfATimeNamesItsHolderThen() {
        JsonNode then = ok("/v1/wwpn/1001000012341234?asOf=2026-10-22T00:00:00Z");

        assertThat(then.get("asOf").asText()).isEqualTo("2026-10-22T00:00:00Z");
        assertThat(then.get("message").asText()).isEqualTo("WWPN 1001000012341234 is a/scsi_host7");
        assertThat(then.at("/matches/0/host").asText()).isEqualTo("a");
        assertThat(ok("/v1/wwpn/1001000012341234").at("/matches/0/host").asText())
                .as("the cache keys on asOf: now it is b's").isEqualTo("b");
        assertThat(ok("/v1/wwpn/1001000012341234?asOf=2026-10-22T00:00:00Z").at("/matches/0/host").asText())
                .isEqualTo("a");
        assertError(http.get("/v1/wwpn/1001000012341234?asOf=2026-10-25T00:00:30Z"), 404, "not_found",
                "no fc_host has WWPN 1001000012341234 as of 2026-10-25T00:00:30Z");
    }

    @Test
    void anAsOfInTheFutureIs400NamingIt() {
        assertError(http.get("/v1/wwpn/1001000012341234?asOf=2999-01-01T00:00:00Z"), 400, "bad_request",
                "asOf: 2999-01-01T00:00:00Z is in the future");
        assertError(http.get("/v1/hosts/a/devices/scsi_host7?asOf=2999-01-01T00:00:00Z"), 400, "bad_request",
                "asOf: 2999-01-01T00:00:00Z is in the future");
    }

    @Test
    void anAsOfBeforeTheHistoryKeptIs400NamingFromWhenItIsKept() {
        assertError(http.get("/v1/hosts/c/devices/scsi_host5?asOf=2026-10-02T00:00:00Z"), 400, "bad_request",
                "complete from 2026-10-06T00:00:00Z");
        assertError(http.get("/v1/wwpn/1002000000000001?asOf=2026-10-02T00:00:00Z"), 400, "bad_request",
                "complete from 2026-10-06T00:00:00Z");
    }

    @Test
    void aMalformedAsOfIs400NamingIt() {
        for (String malformed : List.of("yesterday", "2026-10-22", "2026-10-22T00:00:00", "")) {
            assertError(http.get("/v1/wwpn/1001000012341234?asOf=" + malformed), 400, "bad_request", "asOf");
            assertError(http.get("/v1/hosts/a/devices/scsi_host7?asOf=" + malformed), 400, "bad_request", "asOf");
        }
    }

    // ---- helpers

    private static JsonNode ok(String path) {
        Http.Reply reply = http.get(path);
        assertThat(reply.status()).as("status of %s: %s", path, reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
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
