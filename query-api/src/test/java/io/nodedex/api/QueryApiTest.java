package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query API over real HTTP, on a replica (real indexer, real RocksDB) of a real KRaft broker
 * holding the {@link TestFleet} published through the real codec.
 */
@ExtendWith(SharedKafka.class)
class QueryApiTest {

    private static final EventTopics TOPICS = EventTopics.named("api.events");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path data;

    private static Replica replica;
    private static Http http;

    @BeforeAll
    static void startReplica(EmbeddedKafkaBroker kafka) {
        TOPICS.createWith(kafka::createTopic);
        TestFleet.publish(kafka.bootstrapServers(), TOPICS.events().name());
        replica = Replica.start(TestReplicas.indexer(kafka.bootstrapServers(), data.resolve("db"), TOPICS),
                TestReplicas.loopback(2));
        http = TestReplicas.awaitReady(replica);
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    // ---- hosts and devices

    @Test
    void hostsAreListedByIdWithTheirLastSeenTimeAndWhetherTheyWentSilent() {
        JsonNode hosts = ok("/v1/hosts").get("hosts");

        assertThat(texts(hosts, "host")).containsExactlyElementsOf(TestFleet.HOSTS);
        assertThat(hosts.get(0).get("lastSeen").asText()).isEqualTo(TestFleet.OBSERVED_AT.toString());
        // the fleet's events were all observed at one fixed time, far more than 5 minutes ago
        assertThat(hosts).allSatisfy(host -> assertThat(host.get("stale").asBoolean()).isTrue());
    }

    @Test
    void aHostSummarisesItsParentsAndVhbasInNaturalNameOrder() {
        JsonNode host = ok("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT);

        assertThat(host.get("host").asText()).isEqualTo(TestFleet.LIBVIRT_DEFAULT);
        assertThat(host.get("deviceCount").asInt()).isEqualTo(6);
        assertThat(texts(host.get("vportParents"))).containsExactly("scsi_host1", "scsi_host2");
        assertThat(texts(host.get("vhbas"))).containsExactly("scsi_host11");
    }

    @Test
    void devicesComeInNaturalNameOrderSoScsiHost2PrecedesScsiHost10() {
        JsonNode devices = ok("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices").get("devices");

        assertThat(texts(devices, "name")).containsExactly("computer", "pci_0000_00_02_0", "scsi_host1", "scsi_host2",
                "scsi_host10", "scsi_host11");
    }

    @Test
    void devicesAreFilteredByCapabilityTypeVhbasIncluded() {
        JsonNode devices = ok("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices?cap=fc_host").get("devices");

        assertThat(texts(devices, "name")).containsExactly("scsi_host1", "scsi_host2", "scsi_host11");
        assertThat(ok("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices?cap=vport_ops").get("devices"))
                .hasSize(2);
        assertThat(ok("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices?cap=net").get("devices")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"cap=FC%20HOST, 'FC HOST'", "cap=, 'cap is given but blank'"})
    void aMalformedCapabilityIsRefusedNamingIt(String query, String named) {
        Http.Reply reply = http.get("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices?" + query);

        assertError(reply, 400, "bad_request", named);
    }

    @Test
    void aDeviceIsPrintedAsTheOfflineCliPrintsIt() {
        JsonNode body = ok("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices/scsi_host11");

        assertThat(body.get("host").asText()).isEqualTo(TestFleet.LIBVIRT_DEFAULT);
        assertThat(body.get("device")).isEqualTo(json("""
                {"name": "scsi_host11", "parent": "scsi_host1", "sysfsPath": "/sys/devices/pci0000:00/scsi_host11",
                 "driver": "lpfc",
                 "capabilities": [{"type": "scsi_host", "host": 11},
                                  {"type": "fc_host", "wwnn": "2000000034563456", "wwpn": "1000000034563456",
                                   "fabricWwn": "2000000043214321"}]}"""));
    }

    @Test
    void aRemovedDeviceIsGone() {
        assertError(http.get("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices/scsi_host12"), 404, "not_found",
                "host libvirt-default has no device 'scsi_host12'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/hosts/nowhere", "/v1/hosts/nowhere/devices", "/v1/hosts/nowhere/devices/scsi_host1",
        "/v1/vhbas?host=nowhere", "/v1/npiv/parent?host=nowhere"})
    void anUnknownHostIs404NamingIt(String path) {
        assertError(http.get(path), 404, "not_found", "unknown host 'nowhere'");
    }

    @Test
    void percentEncodedPathSegmentsAreDecoded() {
        assertError(http.get("/v1/hosts/a%2Fb%20c"), 404, "not_found", "unknown host 'a/b c'");
        assertThat(ok("/v1/hosts/libvirt%2Ddefault").get("host").asText()).isEqualTo(TestFleet.LIBVIRT_DEFAULT);
    }

    // ---- WWPN and fabric lookups

    @ParameterizedTest
    @CsvSource({"1000000012341234, 1", "0x1000000012341234, 1", "0X1000000012341234, 1", "10000090FA000001, 2",
        "0x10000090Fa000001, 2"})
    void aWwpnIsFoundWhateverItsPrefixOrCase(String wwn, int matches) {
        JsonNode body = ok("/v1/wwpn/" + wwn);

        assertThat(body.get("wwpn").asText()).isEqualTo(wwn.toLowerCase().replace("0x", ""));
        assertThat(body.get("conflict").asBoolean()).isEqualTo(matches > 1);
        assertThat(body.get("matches")).hasSize(matches);
    }

    @Test
    void aWwpnOfOneDeviceNamesItsHostAndDevice() {
        JsonNode match = ok("/v1/wwpn/1000000012341234").get("matches").get(0);

        assertThat(match.get("host").asText()).isEqualTo(TestFleet.LIBVIRT_DEFAULT);
        assertThat(match.get("device").get("name").asText()).isEqualTo("scsi_host1");
    }

    @Test
    void anUnknownWwpnIs404() {
        assertError(http.get("/v1/wwpn/100000001234123A"), 404, "not_found", "no fc_host has WWPN 100000001234123a");
    }

    @Test
    void aWwpnOnTwoHostsIsAConflictStill200WithTheMatchesByHost() {
        Http.Reply reply = http.get("/v1/wwpn/" + Long.toHexString(TestFleet.DUPLICATE_WWPN));
        JsonNode body = reply.json();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(body.get("conflict").asBoolean()).isTrue();
        assertThat(body.get("message").asText()).contains("used by 2 fc_hosts: dup-a/scsi_host3, dup-b/scsi_host3");
        assertThat(texts(body.get("matches"), "host")).containsExactly(TestFleet.DUP_A, TestFleet.DUP_B);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/wwpn/xyz", "/v1/wwpn/0x", "/v1/wwpn/10000000123412345", "/v1/fabrics/g0"})
    void aMalformedWwnIsRefusedNamingTheValue(String path) {
        String value = path.substring(path.lastIndexOf('/') + 1);
        assertError(http.get(path), 400, "bad_request", "malformed WWN '" + value + "'");
    }

    @Test
    void aFabricListsItsHbasAndVhbasWithTheFreeVportsOfEachParent() {
        JsonNode members = ok("/v1/fabrics/" + Long.toHexString(TestFleet.FULL_FABRIC)).get("members");

        assertThat(texts(members, "name")).containsExactly("scsi_host3", "scsi_host4", "scsi_host30", "scsi_host31",
                "scsi_host40", "scsi_host41");
        assertThat(texts(members, "role")).containsExactly("hba", "hba", "vhba", "vhba", "vhba", "vhba");
        assertThat(members.get(0).get("freeVports").asInt()).isZero();
        assertThat(members.get(2).get("parent").asText()).isEqualTo("scsi_host3");
    }

    @Test
    void aParentOfUnknownCapacityHasNullFreeVports() {
        JsonNode members = ok("/v1/fabrics/2000000043214321").get("members");

        assertThat(texts(members, "name")).containsExactly("scsi_host1", "scsi_host11");
        assertThat(members.get(0).get("freeVports").isNull()).isTrue();
    }

    @Test
    void anEmptyFabricIs404() {
        assertError(http.get("/v1/fabrics/1"), 404, "not_found", "no fc_host is logged into fabric 0000000000000001");
    }

    // ---- NPIV parent

    /** The parent scsi_host1 or scsi_host2 of libvirt's test:///default: capacity unknown (max_vports 0). */
    private static final String SCSI_HOST1 = """
            {"name": "scsi_host1", "wwnn": "2000000012341234", "wwpn": "1000000012341234",
             "fabricWwn": "2000000043214321", "maxVports": 0, "vports": 0, "freeVports": 0}""";
    private static final String SCSI_HOST2 = """
            {"name": "scsi_host2", "wwnn": "2000000056785678", "wwpn": "1000000056785678",
             "fabricWwn": "2000000087658765", "maxVports": 0, "vports": 0, "freeVports": 0}""";
    private static final String ACCEPTED = "vport capable, port state unknown, capacity unknown (max_vports 0)";
    private static final String VHBA = "vHBA: no vport_ops";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                         | any        | lowest-wwpn | 1 |"
                + " scsi_host1 accepted: ACCEPTED; scsi_host2 accepted: ACCEPTED; scsi_host11 rejected: VHBA",
        "&policy=most-free                                          | any        | most-free   | 1 |"
                + " scsi_host1 accepted: ACCEPTED; scsi_host2 accepted: ACCEPTED; scsi_host11 rejected: VHBA",
        "&parentFabricWwn=2000000087658765                          | fabric_wwn | lowest-wwpn | 2 |"
                + " scsi_host2 accepted: ACCEPTED;"
                + " scsi_host1 rejected: fabric 2000000043214321 is not the requested fabric 2000000087658765;"
                + " scsi_host11 rejected: VHBA",
        "&parentWwnn=0x2000000056785678&parentWwpn=1000000056785678 | wwnn_wwpn  | lowest-wwpn | 2 |"
                + " scsi_host2 accepted: ACCEPTED;"
                + " scsi_host1 rejected: wwpn 1000000012341234 does not match requested 1000000056785678;"
                + " scsi_host11 rejected: VHBA",
        "&parent=scsi_host2                                         | name       | lowest-wwpn | 2 |"
                + " scsi_host2 accepted: ACCEPTED; scsi_host1 rejected: not the named parent scsi_host2;"
                + " scsi_host11 rejected: VHBA"})
    void theNpivAnswerIsPrintedInTheSharedJsonShape(String criteria, String criteriaName, String policy, int parent,
            String candidates) {
        Http.Reply reply = http.get("/v1/npiv/parent?host=" + TestFleet.LIBVIRT_DEFAULT + criteria);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("host").asText()).isEqualTo(TestFleet.LIBVIRT_DEFAULT);
        assertThat(reply.json().get("criteria").asText()).isEqualTo(criteriaName);
        assertThat(reply.json().get("policy").asText()).isEqualTo(policy);
        assertThat(reply.json().get("parent")).isEqualTo(json(parent == 1 ? SCSI_HOST1 : SCSI_HOST2));
        assertThat(candidates(reply.json())).isEqualTo(candidates.replace("ACCEPTED", ACCEPTED).replace("VHBA", VHBA));
        int accepted = candidates.split("accepted:", -1).length - 1;
        assertThat(reply.json().get("message").asText()).isEqualTo("chose scsi_host" + parent + " on host "
                + TestFleet.LIBVIRT_DEFAULT + " by " + policy + " from " + accepted + " accepted of 3 candidates");
        assertThat(reply.json().properties()).extracting(Map.Entry::getKey)
                .containsExactly("host", "criteria", "policy", "parent", "candidates", "message");
    }

    @Test
    void aNamedVhbaParentIsA409ConflictWithTheCandidates() {
        Http.Reply reply = http.get("/v1/npiv/parent?host=" + TestFleet.LIBVIRT_DEFAULT + "&parent=scsi_host11");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("parent").isNull()).isTrue();
        assertThat(reply.json().get("message").asText()).contains("scsi_host11", "not vport capable");
        assertThat(reply.json().get("candidates")).hasSize(3);
    }

    @Test
    void aHostWhoseParentsAreFullIs404WithEveryCandidateRejected() {
        Http.Reply reply = http.get("/v1/npiv/parent?host=" + TestFleet.FULL);
        JsonNode candidates = reply.json().get("candidates");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("parent").isNull()).isTrue();
        assertThat(texts(candidates, "name")).containsExactly("scsi_host3", "scsi_host4", "scsi_host30", "scsi_host31",
                "scsi_host40", "scsi_host41");
        assertThat(candidates.get(0).get("accepted").asBoolean()).isFalse();
        assertThat(candidates.get(0).get("reason").asText()).contains("2 of 2");
    }

    @Test
    void aNamedParentThatDoesNotExistIs404() {
        Http.Reply reply = http.get("/v1/npiv/parent?host=" + TestFleet.LIBVIRT_DEFAULT + "&parent=scsi_host99");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("message").asText()).contains("no device named scsi_host99");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                              | missing parameter host",
        "host=                                           | parameter host is given but blank",
        "host=h&parentWwnn=2000000056785678              | parentWwnn given without parentWwpn",
        "host=h&parentFabricWwn=0xZZ                     | parameter parentFabricWwn: malformed WWN '0xZZ'",
        "host=h&policy=random                            | unknown policy 'random': valid policies are lowest-wwpn,",
        "host=h&parent=scsi_host1&parentFabricWwn=1      | conflicting parent criteria",
        "host=h&host=g                                   | query parameter 'host' is given 2 times"})
    void aMalformedNpivRequestIs400NamingTheProblem(String query, String message) {
        assertError(http.get("/v1/npiv/parent?" + query), 400, "bad_request", message);
    }

    @Test
    void anUnknownQueryParameterIs400NamingItAndTheAcceptedOnes() {
        assertError(http.get("/v1/npiv/parent?host=h&parnet=scsi_host1"), 400, "unknown_parameter",
                "unknown query parameter 'parnet' for GET /v1/npiv/parent; it takes asOf, host, parent, parentFabricWwn,"
                        + " parentWwnn, parentWwpn, policy");
        assertError(http.get("/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "?limit=3"), 400, "unknown_parameter",
                "unknown query parameter 'limit' for GET /v1/hosts/{host}; it takes asOf");
    }

    // ---- vHBAs and audit

    @Test
    void everyVhbaIsListedWithTheStatusOfItsParentByHostThenName() {
        JsonNode vhbas = ok("/v1/vhbas").get("vhbas");

        assertThat(texts(vhbas, "host").stream().distinct())
                .containsExactly(TestFleet.FULL, TestFleet.LIBVIRT_DEFAULT, TestFleet.MISMATCH, TestFleet.ORPHANS);
        List<String> summary = new ArrayList<>();
        vhbas.forEach(v -> summary.add(v.get("host").asText() + "/" + v.get("name").asText() + " -> "
                + v.get("parent").get("name").asText() + " " + v.get("parent").get("status").asText()));
        assertThat(summary).containsExactly(
                "full/scsi_host30 -> scsi_host3 ok", "full/scsi_host31 -> scsi_host3 ok",
                "full/scsi_host40 -> scsi_host4 ok", "full/scsi_host41 -> scsi_host4 ok",
                "libvirt-default/scsi_host11 -> scsi_host1 ok",
                "mismatch/scsi_host50 -> scsi_host5 ok",
                "orphans/scsi_host20 -> scsi_host9 missing",
                "orphans/scsi_host21 -> pci_0000_05_00_0 not_vport_capable",
                "orphans/scsi_host22 -> null none");
        assertThat(vhbas.get(0).get("parent").get("device").get("name").asText()).isEqualTo("scsi_host3");
        assertThat(vhbas.get(6).get("parent").has("device")).isFalse();
    }

    @Test
    void theVhbasOfOneHost() {
        JsonNode vhbas = ok("/v1/vhbas?host=" + TestFleet.ORPHANS).get("vhbas");

        assertThat(texts(vhbas, "name")).containsExactly("scsi_host20", "scsi_host21", "scsi_host22");
    }

    @Test
    void theAuditReportsTheHostsThatWentSilent() {
        JsonNode audit = ok("/v1/audit");
        JsonNode stale = audit.get("staleHosts");

        // every event of the test fleet was observed at one fixed time, far more than 5 minutes ago
        assertThat(texts(stale, "host")).containsExactlyElementsOf(TestFleet.HOSTS);
        assertThat(stale).allSatisfy(host -> assertThat(host.get("lastSeen").asText())
                .isEqualTo(TestFleet.OBSERVED_AT.toString()));
        assertThat(audit.get("staleHostCount").asInt()).isEqualTo(TestFleet.HOSTS.size());
        JsonNode firstPage = ok("/v1/audit?limit=1");
        assertThat(texts(firstPage.get("staleHosts"), "host")).as("at most the page's limit")
                .containsExactly(TestFleet.HOSTS.get(0));
        assertThat(firstPage.get("staleHostCount").asInt()).isEqualTo(TestFleet.HOSTS.size());
    }

    @Test
    void theAuditListsEveryFindingInTheDocumentedOrder() {
        JsonNode body = ok("/v1/audit");
        List<String> findings = new ArrayList<>();
        body.get("findings").forEach(f -> findings.add(f.get("kind").asText() + " "
                + StreamSupport.stream(f.get("devices").spliterator(), false)
                        .map(d -> d.get("host").asText() + "/" + d.get("name").asText())
                        .collect(Collectors.joining(","))));

        assertThat(findings).containsExactly(
                "duplicate_wwpn dup-a/scsi_host3,dup-b/scsi_host3",
                "vhba_without_parent orphans/pci_0000_05_00_0,orphans/scsi_host21",
                "vhba_without_parent orphans/scsi_host20",
                "vhba_without_parent orphans/scsi_host22",
                "parent_over_capacity full/scsi_host4",
                "fabric_mismatch mismatch/scsi_host5,mismatch/scsi_host50",
                "vport_count_mismatch mismatch/scsi_host5,mismatch/scsi_host50");
        assertThat(body.get("findings").get(2).get("message").asText())
                .isEqualTo("vHBA orphans/scsi_host20 names parent scsi_host9, which is not a device of host orphans");
        assertThat(body.get("counts").get("vhba_without_parent").asInt()).isEqualTo(3);
        assertThat(body.get("counts").get("duplicate_wwpn").asInt()).isEqualTo(1);
    }

    // ---- protocol errors

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/ui", "/v1/hosts/", "/v2/hosts", "/v1/wwpn", "//v1/hosts"})
    void aPathWithoutARouteIs404NamingIt(String path) {
        assertError(http.get(path), 404, "not_found", "no route for GET " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void anotherMethodThanGetOrHeadIs405WithAllow(String method) {
        Http.Reply reply = http.send(method, "/v1/hosts");

        assertError(reply, 405, "method_not_allowed",
                "method " + method + " is not allowed on /v1/hosts; allowed: GET, HEAD");
        assertThat(reply.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT, "/v1/hosts/nowhere", "/v1/wwpn/xyz", "/healthz"})
    void headIsAnsweredAsGetWithTheSameStatusAndHeadersAndNoBody(String path) {
        Http.Reply get = http.get(path);
        Http.Reply head = http.send("HEAD", path);

        assertThat(head.status()).isEqualTo(get.status());
        assertThat(head.headers().firstValue("content-type")).isEqualTo(get.headers().firstValue("content-type"));
        assertThat(head.headers().firstValue("content-length"))
                .hasValue(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(head.body()).isEmpty();
        // on the wire: the headers, then nothing before the server closes
        String raw = Http.raw(replica.server().address(),
                "HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 " + get.status()).endsWith("\r\n\r\n");
    }

    @Test
    void anHttp11RequestWithoutHostIs400AndAnHttp10OneIsServed() {
        String without = Http.raw(replica.server().address(),
                "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n");
        String twice = Http.raw(replica.server().address(),
                "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n");
        String http10 = Http.raw(replica.server().address(), "GET /healthz HTTP/1.0\r\n\r\n");

        assertThat(without).startsWith("HTTP/1.1 400").contains("bad_request", "must carry a Host header");
        assertThat(twice).startsWith("HTTP/1.1 400").contains("2 Host headers");
        assertThat(http10).startsWith("HTTP/1.1 200").contains("\"status\":\"up\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0", "HTTP/0.9"})
    void aRequestLineOfAnotherProtocolVersionIs505AndTheConnectionCloses(String version) {
        // the second request on the same connection is never answered
        String response = Http.raw(replica.server().address(),
                "GET /healthz " + version + "\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 505").contains("http_version_not_supported", version)
                .doesNotContain("\"status\":\"up\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/wwpn/%20" + "10000090fa000001", "/v1/wwpn/10000090fa000001%20",
        "/v1/wwpn/10000090fa000001%09", "/v1/wwpn/%0a10000090fa000001", "/v1/wwpn/10000090fa000001%0D%0A",
        "/v1/fabrics/100000051e0000f0%20", "/v1/npiv/parent?host=full&parentFabricWwn=%20100000051e0000f0",
        "/v1/npiv/parent?host=full&parentFabricWwn=100000051e0000f0%0a",
        "/v1/npiv/parent?host=full&parentWwnn=2000000012341234%09&parentWwpn=1000000012341234"})
    void aWwnPaddedWithWhitespaceIsRefusedAsMalformedNotTrimmed(String path) {
        Http.Reply reply = http.get(path);

        assertError(reply, 400, "bad_request", "malformed WWN '");
        assertThat(reply.errorMessage()).contains("without spaces or other whitespace");
    }

    @Test
    void aUriOverTheLimitIs414NamingTheLimit() {
        String longHost = "h".repeat(Dispatcher.MAX_URI_LENGTH);

        assertError(http.get("/v1/hosts/" + longHost), 414, "uri_too_long", "the limit is 2048");
        assertError(http.get("/v1/npiv/parent?host=h&parent=" + longHost), 414, "uri_too_long", "the limit is 2048");
    }

    @Test
    void aRequestLineOverTheDecoderLimitIs414AndTheConnectionCloses() {
        String response = Http.raw(replica.server().address(),
                "GET /v1/hosts/" + "x".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 414").contains("uri_too_long", "longer than 4096 bytes");
    }

    @Test
    void headersOverTheLimitAre431() {
        String response = Http.raw(replica.server().address(),
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9000) + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431").contains("headers_too_large", "8192 bytes");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Http.Reply small = http.sendBody("GET", "/healthz", "z".repeat(10_000));
        // refused on its Content-Length, before a byte of the body is read
        String response = Http.raw(replica.server().address(), "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (HttpPipeline.MAX_BODY + 1) + "\r\n\r\n");

        assertThat(small.status()).isEqualTo(200);
        assertThat(response).startsWith("HTTP/1.1 413").contains("payload_too_large", "larger than 1048576 bytes");
    }

    @Test
    void malformedPercentEncodingIs400() {
        String response = Http.raw(replica.server().address(),
                "GET /v1/hosts/a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("bad_request", "malformed percent-encoding");
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrderAcrossTheExecutor() {
        String response = Http.raw(replica.server().address(),
                "GET /v1/audit HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /v1/hosts HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        int audit = response.indexOf("\"findings\"");
        int health = response.indexOf("\"status\":\"up\"");
        int hosts = response.indexOf("\"hosts\"");
        int ready = response.indexOf("\"status\":\"ready\"");
        assertThat(audit).isPositive();
        assertThat(health).isGreaterThan(audit);
        assertThat(hosts).isGreaterThan(health);
        assertThat(ready).isGreaterThan(hosts);
    }

    // ---- operations

    @Test
    void healthAndReadiness() {
        assertThat(ok("/healthz").get("status").asText()).isEqualTo("up");
        JsonNode ready = ok("/readyz");
        assertThat(ready.get("status").asText()).isEqualTo("ready");
        assertThat(ready.get("lag").asLong()).isZero();
        assertThat(ready.get("positions").size()).isEqualTo(3);
    }

    @Test
    void metricsExposeIndexerCountersStorageAndRequestHistogramsByRouteTemplate() {
        http.get("/v1/wwpn/1000000012341234");
        http.get("/v1/wwpn/1000000056785678");
        http.get("/no/such/route");

        Http.Reply reply = http.get("/metrics");
        String metrics = reply.body();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics).containsPattern("(?m)^nodedex_indexer_events_applied_total 9(\\.0)?$")
                .containsPattern("(?m)^nodedex_indexer_dead_letters_total 1(\\.0)?$")
                .containsPattern("(?m)^nodedex_indexer_consumer_lag_records 0(\\.0)?$")
                .containsPattern("(?m)^nodedex_indexer_ready 1(\\.0)?$")
                .containsPattern("(?m)^nodedex_rocksdb_size_bytes [1-9]");
        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{method=\"GET\","
                + "route=\"/v1/wwpn/\\{wwn}\",status=\"200\"} ([2-9]|[1-9][0-9]+)(\\.0)?$");
        assertThat(metrics).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/wwpn/{wwn}\"");
        assertThat(metrics).contains("route=\"unmatched\",status=\"404\"");
        assertThat(metrics).doesNotContain("1000000012341234");
    }

    @Test
    void theOpenApiDocumentIsServedVerbatim() throws IOException {
        Http.Reply reply = http.get("/openapi.json");
        try (InputStream resource = QueryApiTest.class.getResourceAsStream("/openapi.json")) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(MAPPER.readTree(resource));
        }
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesOfTheRoutersTable() throws IOException {
        JsonNode document = MAPPER.readTree(QueryApiTest.class.getResourceAsStream("/openapi.json"));
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path ->
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (!method.equals("parameters")) {
                        documented.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        Set<String> served = replica.server().routes().stream()
                .map(route -> route.method().name() + " " + route.template())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
        assertThat(documented).isEqualTo(served);
        for (Route route : replica.server().routes()) {
            JsonNode operation = document.get("paths").get(route.template().toString())
                    .get(route.method().name().toLowerCase());
            assertThat(parameters(document, operation, "query")).as("query parameters of %s", route.template())
                    .isEqualTo(new TreeSet<>(route.queryParameters()));
            assertThat(parameters(document, operation, "path")).as("path parameters of %s", route.template())
                    .isEqualTo(new TreeSet<>(route.template().parameterNames()));
            assertThat(operation.path("x-required-role").asText()).as("role of %s", route.template())
                    .isEqualTo(route.role().wireName());
            boolean open = route.role() == Role.ANYONE;
            assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                    .as("%s open to anyone (security: [])", route.template()).isEqualTo(open);
            assertThat(operation.get("responses").has("401") && operation.get("responses").has("403"))
                    .as("401 and 403 documented for %s", route.template()).isEqualTo(!open);
            if (route.access() == Route.Access.DATA) {
                assertThat(operation.get("responses").has("503")).as("503 documented for %s", route.template())
                        .isTrue();
            }
            if (route.queryParameters().contains(Paging.CURSOR)) {
                JsonNode answer = document.at(operation.at("/responses/200/content/application~1json/schema/$ref")
                        .asText().substring(1));
                assertThat(answer.at("/properties/next/type").asText()).as("next documented for %s", route.template())
                        .isEqualTo("string");
                assertThat(operation.get("responses").has("400")).as("400 documented for %s", route.template())
                        .isTrue();
            }
        }
    }

    /** The names of the operation's parameters that are {@code in} the path or query, references resolved. */
    private static Set<String> parameters(JsonNode document, JsonNode operation, String in) {
        Set<String> names = new TreeSet<>();
        operation.path("parameters").forEach(declared -> {
            JsonNode parameter = declared.has("$ref")
                    ? document.at(declared.get("$ref").asText().substring(1)) : declared;
            if (parameter.get("in").asText().equals(in)) {
                names.add(parameter.get("name").asText());
            }
        });
        return names;
    }

    // ---- helpers

    /** The candidates of an NPIV answer as "name accepted|rejected: reason; ...", in the answer's order. */
    private static String candidates(JsonNode answer) {
        return StreamSupport.stream(answer.get("candidates").spliterator(), false)
                .map(c -> c.get("name").asText() + (c.get("accepted").asBoolean() ? " accepted: " : " rejected: ")
                        + c.get("reason").asText())
                .collect(Collectors.joining("; "));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode ok(String path) {
        Http.Reply reply = http.get(path);
        assertThat(reply.status()).as("status of %s: %s", path, reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("content-type")).hasValue("application/json");
        return reply.json();
    }

    private static void assertError(Http.Reply reply, int status, String code, String messagePart) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.json().fieldNames()).toIterable().containsExactly("error");
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).contains(messagePart);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.get(field).asText()));
        return texts;
    }
}
