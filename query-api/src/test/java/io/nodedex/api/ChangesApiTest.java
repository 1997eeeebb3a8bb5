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
import io.nodedex.indexer.ChangeCursor;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Watching changes" over real HTTP, on a replica (real indexer, real RocksDB, history retention
 * of one day) of a real broker: JSON pages, long polls and Server-Sent Events, resumed by cursor
 * or Last-Event-ID, filtered by host and port name, with hundreds of streams at once; a cursor
 * older than the kept changes is 410. Host c's vHBA took a new WWPN on each of 1, 2 and 3 March,
 * so its 1 March version (and change) is pruned.
 */
@ExtendWith(SharedKafka.class)
class ChangesApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventTopics TOPICS = EventTopics.named("changes.events");
    private static final long FABRIC = 0x2000_0000_4321_4321L;
    private static final long WWNN = 0x2001_0000_1234_1234L;
    private static final long WWPN = 0x1001_0000_1234_1234L;
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Device HBA = hba("scsi_host1", 0x2000_0000_0000_00a1L, 0x1000_0000_0000_00a1L, FABRIC);
    private static final String START = ChangeCursor.START.text();

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker broker;
    private static Replica replica;
    private static Http http;
    private static InetSocketAddress address;
    private static final Events A = Events.of("a", Source.LIBVIRT);
    private static final Events B = Events.of("b", Source.LIBVIRT);

    @BeforeAll
    static void startReplica(EmbeddedKafkaBroker kafka) {
        broker = kafka;
        TOPICS.createWith(kafka::createTopic);
        Events c = Events.of("c", Source.LIBVIRT);
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            events.add(c.observedAt(MARCH_1.plus(Duration.ofDays(day)))
                    .upsert(vhba("scsi_host5", "scsi_host1", WWNN, 0x1002_0000_0000_0000L + day, FABRIC)));
        }
        events.add(A.observedAt(MARCH_1).snapshot(HBA));
        publish(events);
        replica = Replica.start(TestReplicas.indexer(kafka.bootstrapServers(), data.resolve("db"), TOPICS)
                .withHistoryRetention(Duration.ofDays(1)), TestReplicas.loopback(2));
        address = replica.server().address();
        http = TestReplicas.awaitReady(replica);
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    private static void publish(List<Event> events) {
        TestFleet.publish(broker.bootstrapServers(), TOPICS.events().name(), events, false);
    }

    /** The cursor of now: the {@code next} of a page asked without {@code since}. */
    private static String now() {
        Http.Reply reply = http.get("/v1/changes");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("changes")).isEmpty();
        return reply.json().path("next").asText();
    }

    private static String describe(JsonNode change) {
        return change.path("host").asText() + " " + change.path("kind").asText() + " "
                + change.path("name").asText("-") + " " + change.path("change").asText();
    }

    @Test
    void aLongPollAnswersAsSoonAsAChangeIsIndexed() throws Exception {
        String cursor = now();
        CompletableFuture<Http.Reply> poll = CompletableFuture.supplyAsync(
                () -> http.get("/v1/changes?host=b&wait=40s&since=" + cursor));
        Thread.sleep(300); // the poll is waiting: nothing of b was ever published
        assertThat(poll).isNotDone();

        publish(List.of(B.observedAt(Instant.now()).snapshot(HBA)));

        Http.Reply reply = poll.get(30, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        List<String> changes = new ArrayList<>();
        reply.json().path("changes").forEach(change -> changes.add(describe(change)));
        assertThat(changes).containsExactly("b host - added", "b device scsi_host1 added");
        String last = reply.json().path("changes").get(1).path("cursor").asText();
        assertThat(http.get("/v1/changes?host=b&since=" + last).json().path("changes")).isEmpty();
        assertThat(http.get("/v1/changes?host=b&since=" + reply.json().path("next").asText()).json().path("changes"))
                .isEmpty();
    }

    @Test
    void aStreamSendsEachChangeAsAnEventWhoseIdResumesAfterIt() throws Exception {
        String cursor = now();
        try (Sse stream = Sse.open(address, "/v1/changes?host=a&since=" + cursor, null)) {
            Device vhbaOnA = vhba("scsi_host7", "scsi_host1", WWNN, WWPN, FABRIC);
            publish(List.of(A.observedAt(Instant.now()).upsert(vhbaOnA)));

            Sse.Event event = stream.next();
            assertThat(event.name()).isEqualTo("change");
            assertThat(describe(event.data())).isEqualTo("a device scsi_host7 added");
            assertThat(event.id()).isEqualTo(event.data().path("cursor").asText());

            publish(List.of(A.observedAt(Instant.now()).remove("scsi_host7")));
            Sse.Event removed = stream.next();
            assertThat(describe(removed.data())).isEqualTo("a device scsi_host7 removed");

            // a browser reconnecting sends the last id it saw: the stream resumes after it
            try (Sse resumed = Sse.open(address, "/v1/changes?host=a", event.id())) {
                assertThat(describe(resumed.next().data())).isEqualTo("a device scsi_host7 removed");
            }
        }
    }

    @Test
    void aPortNameFilterFollowsTheFcHostThatHoldsItToItsRemoval() {
        String cursor = now();
        long port = WWPN + 20;
        publish(List.of(A.observedAt(Instant.now()).upsert(vhba("scsi_host20", "scsi_host1", WWNN, port, FABRIC)),
                A.observedAt(Instant.now()).upsert(vhba("scsi_host21", "scsi_host1", WWNN, WWPN + 21, FABRIC)),
                A.observedAt(Instant.now()).remove("scsi_host20")));

        List<String> changes = new ArrayList<>();
        Await.until("the vHBA's arrival and removal", () -> {
            changes.clear();
            http.get("/v1/changes?wwpn=0X1001000012341248&since=" + cursor).json().path("changes")
                    .forEach(change -> changes.add(describe(change)));
            return changes.size() >= 2;
        });
        assertThat(changes).containsExactly("a device scsi_host20 added", "a device scsi_host20 removed");
    }

    @Test
    void hundredsOfStreamsEachSeeAChange() throws Exception {
        String cursor = now();
        List<Sse> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                streams.add(Sse.open(address, "/v1/changes?host=a&since=" + cursor, null));
            }
            Device vhba = vhba("scsi_host8", "scsi_host1", WWNN, WWPN + 8, FABRIC);
            publish(List.of(A.observedAt(Instant.now()).upsert(vhba)));

            for (Sse stream : streams) {
                assertThat(describe(stream.next().data())).isEqualTo("a device scsi_host8 added");
            }
        } finally {
            streams.forEach(Sse::close);
        }
    }

    @Test
    void aCursorOlderThanTheChangesKeptIsGone() {
        Http.Reply reply = http.get("/v1/changes?since=" + START);

        assertThat(reply.status()).isEqualTo(410);
        assertThat(reply.errorCode()).isEqualTo("gone");
        assertThat(reply.errorMessage()).contains("pruned by the history's retention").contains("watch from now");
    }

    @Test
    void badCursorsWaitsAndLimitsAreRefusedByName() {
        Http.Reply cursor = http.get("/v1/changes?since=garbage");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.errorCode()).isEqualTo("bad_cursor");
        assertThat(cursor.errorMessage()).contains("'garbage' is not a cursor of the change feed");

        Http.Reply wait = http.get("/v1/changes?wait=10m");
        assertThat(wait.status()).isEqualTo(400);
        assertThat(wait.errorMessage()).contains("query parameter wait: '10m'");

        assertThat(http.get("/v1/changes?limit=0").errorMessage()).contains("query parameter limit: '0'");
        assertThat(http.get("/v1/changes?wwpn=nope").errorMessage()).contains("query parameter wwpn");
    }

    @Test
    void aClientThatPipelinesRequestsBehindItsStreamIsCutOff() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(20_000);
            String stream = "GET /v1/changes HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n";
            String more = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".repeat(RequestHandler.MAX_WAITING + 1);
            socket.getOutputStream().write((stream + more).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            byte[] received = socket.getInputStream().readAllBytes(); // returns once the server closes

            String text = new String(received, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200 OK").contains("text/event-stream").doesNotContain("\"status\"");
        }
    }

    /** A Server-Sent Events client: the JDK's HTTP client reading the stream line by line. */
    private static final class Sse implements AutoCloseable {
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        record Event(String id, String name, JsonNode data) {
        }

        private final Stream<String> lines;
        private final Iterator<String> iterator;

        private Sse(Stream<String> lines) {
            this.lines = lines;
            this.iterator = lines.iterator();
        }

        static Sse open(InetSocketAddress address, String pathAndQuery, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address.getHostString() + ":"
                    + address.getPort() + pathAndQuery)).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            try {
                HttpResponse<Stream<String>> response = CLIENT.send(request.build(),
                        HttpResponse.BodyHandlers.ofLines());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/event-stream"));
                return new Sse(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The next event, skipping comments (keep-alives); the test's timeout bounds the wait. */
        Event next() {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        try {
                            return new Event(id, name, MAPPER.readTree(data.toString()));
                        } catch (IOException e) {
                            throw new AssertionError("not JSON: " + data, e);
                        }
                    }
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            throw new AssertionError("the stream ended");
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
