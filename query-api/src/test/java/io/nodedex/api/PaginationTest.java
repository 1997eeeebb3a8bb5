package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every list route in pages ({@code limit}, {@code cursor}, {@code "next"}), over real HTTP on a
 * replica of the {@link TestFleet} plus nine hosts of the same shape ({@value #PAGED_HOSTS}, see
 * {@link #pagedHost}), so that every list spans several pages of three.
 */
@ExtendWith(SharedKafka.class)
class PaginationTest {

    private static final int PAGED_HOSTS = 9;
    private static final long SHARED_WWPN = 0x10000090fa00aaaaL;
    private static final long PAGED_FABRIC = 0x100000051e00cafeL;

    /** Each list route, with a query, and the field of its answer that holds the list. */
    private static final List<String[]> LISTS = List.of(
            new String[] {"/v1/hosts", "hosts"},
            new String[] {"/v1/hosts/pg-01/devices", "devices"},
            new String[] {"/v1/hosts/pg-01/devices?cap=fc_host", "devices"},
            new String[] {"/v1/wwpn/" + Long.toHexString(SHARED_WWPN), "matches"},
            new String[] {"/v1/fabrics/" + Long.toHexString(PAGED_FABRIC), "members"},
            new String[] {"/v1/vhbas", "vhbas"},
            new String[] {"/v1/vhbas?host=pg-01", "vhbas"},
            new String[] {"/v1/audit", "findings"},
            new String[] {"/v1/wwpn/" + Long.toHexString(SHARED_WWPN) + "/history", "holders"});

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker kafka;
    private static Replica replica;
    private static Http http;

    @BeforeAll
    static void startReplica(EmbeddedKafkaBroker broker) {
        kafka = broker;
        replica = replicaOf("pages.events", data.resolve("db"), new HashMap<>());
        http = new Http(replica.server().address());
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    /** A replica of a new topic holding the fleet, ready; {@code agents} gets each paged host's stream. */
    private static Replica replicaOf(String topicName, Path directory, Map<String, Events> agents) {
        EventTopics topics = EventTopics.named(topicName).withEventPartitions(3);
        topics.createWith(kafka::createTopic);
        List<Event> events = new ArrayList<>(TestFleet.events());
        for (int host = 1; host <= PAGED_HOSTS; host++) {
            String id = String.format("pg-%02d", host);
            Events agent = Events.of(id, Source.LIBVIRT).observedAt(TestFleet.OBSERVED_AT);
            agents.put(id, agent);
            events.add(agent.snapshot(pagedHost(host, 1)));
        }
        TestFleet.publish(kafka.bootstrapServers(), topics.events().name(), events, false);
        Replica started = Replica.start(TestReplicas.indexer(kafka.bootstrapServers(), directory, topics),
                TestReplicas.loopback(2));
        Http client = new Http(started.server().address());
        Await.until("the replica of " + topicName + " to be ready", () -> client.get("/readyz").status() == 200);
        return started;
    }

    /**
     * Paged host number {@code n}: a PCI device, HBAs scsi_host1 and scsi_host2 on
     * {@link #PAGED_FABRIC} (8 vports each, 1 in use), and vHBAs scsi_host10 to scsi_host13 under
     * scsi_host1: two vport-count findings. On odd hosts scsi_host2 has {@link #SHARED_WWPN}: five
     * fc_hosts share it, one duplicate-WWPN finding.
     */
    private static List<Device> pagedHost(int n, int vportsInUse) {
        return List.of(
                Devices.pci(Devices.HBA_PARENT),
                parentOf(n, vportsInUse),
                Devices.liveHba("scsi_host2", base(n) | 0x2000_0000_0000_0002L, n % 2 == 1 ? SHARED_WWPN : base(n) | 2,
                        PAGED_FABRIC, 8, 1),
                vhba(n, 10), vhba(n, 11), vhba(n, 12), vhba(n, 13));
    }

    /** Paged host {@code n}'s scsi_host1, with {@code vportsInUse} vports in use. */
    private static Device parentOf(int n, int vportsInUse) {
        return Devices.liveHba("scsi_host1", base(n) | 0x2000_0000_0000_0000L, base(n) | 1, PAGED_FABRIC, 8,
                vportsInUse);
    }

    /** Paged host {@code n}'s vHBA {@code scsi_host<number>}, under scsi_host1. */
    private static Device vhba(int n, int number) {
        return Devices.vhba("scsi_host" + number, "scsi_host1", base(n) | 0x2000_0000_0000_0000L | number,
                base(n) | number, PAGED_FABRIC);
    }

    /** The WWNs of paged host {@code n} are this plus a small number. */
    private static long base(int n) {
        return 0x10000090fa000000L | (long) n << 8;
    }

    // ---- walking the pages

    @Test
    void everyListWalkedThreeAtATimeIsTheUnpaginatedListInOrder() {
        for (String[] list : LISTS) {
            JsonNode whole = ok(list[0]);
            List<JsonNode> walked = walk(http, list[0], list[1], 3, () -> { });

            assertThat(whole.has(Paging.NEXT)).as("%s in one page", list[0]).isFalse();
            assertThat(whole.get(list[1]).size()).as("%s spans pages", list[0]).isGreaterThan(3);
            assertThat(walked).as(list[0]).containsExactlyElementsOf(whole.get(list[1]));
        }
    }

    @Test
    void aPageKeepsTheAnswersShapeAndItsOtherFieldsAndAddsNext() {
        JsonNode first = ok("/v1/wwpn/" + Long.toHexString(SHARED_WWPN) + "?limit=2");
        JsonNode audit = ok("/v1/audit?limit=1");
        JsonNode whole = ok("/v1/audit");

        assertThat(fieldNames(first)).containsExactly("wwpn", "conflict", "message", "matches", "next");
        assertThat(first.get("matches")).hasSize(2);
        assertThat(first.get("conflict").asBoolean()).isTrue();
        assertThat(first.get("message").asText()).isEqualTo("conflict: WWPN 10000090fa00aaaa is used by 5 fc_hosts:"
                + " pg-01/scsi_host2, pg-03/scsi_host2, pg-05/scsi_host2, pg-07/scsi_host2, pg-09/scsi_host2");
        assertThat(fieldNames(audit)).containsExactly("findings", "counts", "staleHosts", "staleHostCount", "next");
        assertThat(fieldNames(ok("/v1/audit?limit=1&cursor=" + audit.get("next").asText())))
                .as("the stale hosts are on the first page only").doesNotContain("staleHosts", "staleHostCount");
        assertThat(audit.get("counts")).isEqualTo(whole.get("counts"));
        assertThat(whole.get("counts").get("vport_count_mismatch").asInt()).isEqualTo(2 * PAGED_HOSTS + 1);
        assertThat(whole.get("counts").get("duplicate_wwpn").asInt()).isEqualTo(2);
    }

    @Test
    void theDefaultLimitIs500AndTheLargestPageHolds5000() {
        assertThat(ok("/v1/hosts")).isEqualTo(ok("/v1/hosts?limit=5000")).isEqualTo(ok("/v1/hosts?limit=500"));
        assertThat(ok("/v1/hosts").get("hosts")).hasSize(TestFleet.HOSTS.size() + PAGED_HOSTS);
        JsonNode one = ok("/v1/hosts?limit=1");
        assertThat(one.get("hosts")).hasSize(1);
        assertThat(one.get("hosts").get(0).get("host").asText()).isEqualTo("dup-a");
        assertThat(one.get(Paging.NEXT).asText()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "0    | 0 is out of range", "-1 | -1 is out of range", "5001 | 5001 is out of range",
        "x    | 'x' is not a whole number", "\"\" | '' is not a whole number", "1.5 | '1.5' is not a whole number"})
    void aLimitOutsideOneTo5000Is400NamingTheRange(String limit, String problem) {
        for (String[] list : LISTS) {
            String path = list[0] + (list[0].contains("?") ? "&" : "?") + "limit=" + limit;

            assertError(http.get(path), 400, "bad_request",
                    "query parameter limit: " + problem + "; give 1 to 5000 (default 500)");
        }
    }

    @Test
    void theRoutesThatTakeLimitAndCursorAreExactlyTheListRoutes() {
        Set<String> paged = replica.server().routes().stream()
                .filter(route -> route.queryParameters().containsAll(List.of(Paging.LIMIT, Paging.CURSOR)))
                .map(route -> route.template().toString()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(paged).containsExactlyInAnyOrder("/v1/hosts", "/v1/hosts/{host}/devices", "/v1/wwpn/{wwn}",
                "/v1/fabrics/{wwn}", "/v1/vhbas", "/v1/audit", "/v1/hosts/{host}/devices/{name}/history",
                "/v1/wwpn/{wwn}/history", "/v1/vhba-requests");
    }

    // ---- cursors

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "abc", "AAAAAAAAAAAAAAAAAAAAAAAA", "%20"})
    void aMalformedCursorIs400BadCursor(String cursor) {
        Http.Reply reply = http.get("/v1/hosts?cursor=" + cursor);

        assertError(reply, 400, "bad_cursor", "query parameter cursor ");
        assertThat(reply.errorMessage()).contains("walk the list again from its first page, without cursor");
    }

    @Test
    void aDamagedOrTruncatedCursorIs400BadCursor() {
        String cursor = next("/v1/hosts?limit=2");
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[bytes.length / 2] ^= 1;
        String damaged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertError(http.get("/v1/hosts?cursor=" + damaged), 400, "bad_cursor",
                "query parameter cursor is damaged or was not made by this server");
        assertError(http.get("/v1/hosts?cursor=" + cursor.substring(0, cursor.length() - 3)), 400, "bad_cursor",
                "query parameter cursor ");
        assertError(http.get("/v1/hosts?cursor="), 400, "bad_cursor", "query parameter cursor is given but blank");
    }

    @Test
    void aCursorOfAnotherFormatVersionIs400NamingTheVersions() {
        byte[] bytes = Base64.getUrlDecoder().decode(next("/v1/hosts?limit=2"));
        bytes[0] = 9;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());

        assertError(http.get("/v1/hosts?cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)), 400,
                "bad_cursor", "query parameter cursor has format version 9; this server reads version 1");
    }

    @Test
    void aCursorOfAnotherRouteIs400NamingBoth() {
        assertError(http.get("/v1/audit?cursor=" + next("/v1/hosts?limit=2")), 400, "bad_cursor",
                "query parameter cursor was made for GET /v1/hosts, not for GET /v1/audit");
        assertError(http.get("/v1/vhbas?cursor=" + next("/v1/hosts/pg-01/devices?limit=2")), 400, "bad_cursor",
                "was made for GET /v1/hosts/{host}/devices, not for GET /v1/vhbas");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/vhbas?host=pg-01&limit=1             | /v1/vhbas?host=pg-02&cursor=          | asOf, host",
        "/v1/vhbas?host=pg-01&limit=1             | /v1/vhbas?cursor=                     | asOf, host",
        "/v1/hosts/pg-01/devices?limit=1          | /v1/hosts/pg-02/devices?cursor=       | asOf, cap, host",
        "/v1/hosts/pg-01/devices?cap=fc_host&limit=1 | /v1/hosts/pg-01/devices?cursor=    | asOf, cap, host",
        "/v1/wwpn/10000090fa00aaaa?limit=1        | /v1/wwpn/10000090fa000101?cursor=     | asOf, wwn",
        "/v1/fabrics/100000051e00cafe?limit=1     | /v1/fabrics/100000051e0000f0?cursor=  | asOf, wwn"})
    void aCursorOfAnotherQueryOfTheRouteIs400NamingTheFilters(String made, String used, String filters) {
        assertError(http.get(used + next(made)), 400, "bad_cursor", "query parameter cursor was made for another"
                + " query of GET ");
        assertThat(http.get(used + next(made)).errorMessage()).contains("give the same " + filters
                + " as the request that returned it");
    }

    @Test
    void aWwnSpelledAnotherWayIsTheSameQuery() {
        String cursor = next("/v1/wwpn/10000090FA00AAAA?limit=2");

        JsonNode page = ok("/v1/wwpn/0x10000090fa00aaaa?limit=2&cursor=" + cursor);

        assertThat(page.get("matches").get(0).get("host").asText()).isEqualTo("pg-05");
    }

    @Test
    void theResponseCacheKeysOnLimitAndCursor() {
        JsonNode one = ok("/v1/hosts?limit=1");
        JsonNode two = ok("/v1/hosts?limit=2");
        JsonNode second = ok("/v1/hosts?limit=1&cursor=" + one.get(Paging.NEXT).asText());

        assertThat(ok("/v1/hosts?limit=1")).isEqualTo(one);
        assertThat(one.get("hosts")).hasSize(1);
        assertThat(two.get("hosts")).hasSize(2);
        assertThat(second.get("hosts").get(0)).isEqualTo(two.get("hosts").get(1));
    }

    // ---- while the replica applies events

    @Test
    void walkingWhileEventsAreAppliedRepeatsNothingAndMissesNothingThatStayed(@TempDir Path live) {
        Map<String, Events> agents = new HashMap<>();
        try (Replica changing = replicaOf("pages.live", live.resolve("db"), agents)) {
            Http client = new Http(changing.server().address());
            int[] round = {0};
            String topic = "pages.live";
            Runnable change = () -> applyChange(client, topic, agents, ++round[0]);

            for (String[] list : LISTS) {
                List<List<JsonNode>> states = new ArrayList<>();
                states.add(items(client, list));
                int[] boundaries = {0};
                List<JsonNode> walked = walk(client, list[0], list[1], 3, () -> {
                    if (boundaries[0]++ < 3) {
                        change.run();
                        states.add(items(client, list));
                    }
                });
                states.add(items(client, list));

                Set<JsonNode> stayed = new LinkedHashSet<>(states.get(0));
                Set<JsonNode> ever = new HashSet<>();
                states.forEach(state -> {
                    stayed.retainAll(state);
                    ever.addAll(state);
                });
                List<JsonNode> last = states.get(states.size() - 1);
                assertThat(states.size()).as("%s: changes during the walk", list[0]).isGreaterThan(2);
                assertThat(walked).as(list[0]).doesNotHaveDuplicates();
                assertThat(ever).as(list[0]).containsAll(walked);
                assertThat(walked.stream().filter(stayed::contains).toList())
                        .as("%s: the items that stayed, once each, in order", list[0])
                        .isEqualTo(last.stream().filter(stayed::contains).toList())
                        .containsExactlyInAnyOrderElementsOf(stayed);
                assertThat(stayed).as("%s: items that stayed", list[0]).isNotEmpty();
            }
        }
    }

    /**
     * Change number {@code n}: a new host {@code pg-<n>-new} (sorting among the others, with the
     * devices of pg-01), a vHBA {@code scsi_host<n+2>} more on pg-01 (sorting among its devices),
     * and a paged host's scsi_host1 counting 2 vports in use (still not its 4 vHBAs: the finding
     * changes its message, once per host);
     * then waits until the replica applied it.
     */
    private static void applyChange(Http client, String topic, Map<String, Events> agents, int n) {
        List<Event> events = new ArrayList<>();
        String added = String.format("pg-%02d-new", n);
        Events newAgent = Events.of(added, Source.LIBVIRT).observedAt(TestFleet.OBSERVED_AT);
        events.add(newAgent.snapshot(pagedHost(1, 1)));
        events.add(agents.get("pg-01").upsert(Devices.vhba("scsi_host" + (n + 2), "scsi_host1",
                0x2000_0000_0000_0f00L + n, 0x1000_0000_0000_0f00L + n, PAGED_FABRIC)));
        int fixed = 1 + (n - 1) % PAGED_HOSTS;
        events.add(agents.get(String.format("pg-%02d", fixed)).upsert(parentOf(fixed, 2)));
        Map<Integer, Long> ends = TestFleet.publish(kafka.bootstrapServers(), topic, events, false);
        Await.until("positions " + ends, () -> {
            JsonNode positions = client.get("/readyz").json().get("positions");
            return ends.entrySet().stream().allMatch(end ->
                    positions.path(end.getKey().toString()).asLong(-1) >= end.getValue());
        });
    }

    // ---- helpers

    /** The whole list in one answer. */
    private static List<JsonNode> items(Http client, String[] list) {
        Http.Reply reply = client.get(list[0] + (list[0].contains("?") ? "&" : "?") + "limit=5000");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().has(Paging.NEXT)).isFalse();
        List<JsonNode> items = new ArrayList<>();
        reply.json().get(list[1]).forEach(items::add);
        return items;
    }

    /** Every item of a list route, {@code limit} at a time, running {@code between} after each page but the last. */
    private static List<JsonNode> walk(Http client, String path, String field, int limit, Runnable between) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            Http.Reply reply = client.get(path + separator + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
            JsonNode page = reply.json();
            assertThat(page.get(field).size()).as(path).isLessThanOrEqualTo(limit);
            page.get(field).forEach(items::add);
            cursor = page.has(Paging.NEXT) ? page.get(Paging.NEXT).asText() : null;
            if (cursor != null) {
                assertThat(page.get(field).size()).as("%s: a page before the last is full", path).isEqualTo(limit);
                between.run();
            }
        } while (cursor != null);
        return items;
    }

    private static String next(String path) {
        JsonNode page = ok(path);
        assertThat(page.has(Paging.NEXT)).as("%s has a next page", path).isTrue();
        return page.get(Paging.NEXT).asText();
    }

    private static JsonNode ok(String path) {
        Http.Reply reply = http.get(path);
        assertThat(reply.status()).as("status of %s: %s", path, reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertError(Http.Reply reply, int status, String code, String messagePart) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.json().fieldNames()).toIterable().containsExactly("error");
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).contains(messagePart);
    }

}
