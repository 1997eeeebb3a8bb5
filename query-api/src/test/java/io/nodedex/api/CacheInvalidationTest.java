package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Devices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The response cache never serves an answer of an older state once a newer one is applied. */
@ExtendWith(SharedKafka.class)
class CacheInvalidationTest {

    @TempDir
    Path data;

    @Test
    void everyAnswerAfterABatchIsAppliedReflectsIt(EmbeddedKafkaBroker kafka) {
        EventTopics topics = EventTopics.named("cache.events").withEventPartitions(2);
        String topic = topics.events().name();
        topics.createWith(kafka::createTopic);
        TestFleet.publish(kafka.bootstrapServers(), topic);
        try (Replica replica = Replica.start(TestReplicas.indexer(kafka.bootstrapServers(), data.resolve("db"), topics),
                TestReplicas.loopback(1))) {
            Http http = new Http(replica.server().address());
            Await.until("ready", () -> http.get("/readyz").status() == 200);
            String devices = "/v1/hosts/" + TestFleet.LIBVIRT_DEFAULT + "/devices?cap=fc_host";
            String wwpn = "/v1/wwpn/1000000034563499";
            assertThat(names(http.get(devices).json())).containsExactly("scsi_host1", "scsi_host2", "scsi_host11");
            assertThat(names(http.get(devices).json())).containsExactly("scsi_host1", "scsi_host2", "scsi_host11");
            assertThat(http.get(wwpn).status()).isEqualTo(404);
            assertThat(http.get("/metrics").body()).containsPattern("(?m)^nodedex_api_response_cache_hits_total [1-9]");

            for (int round = 0; round < 5; round++) {
                long sequence = 3 + 2L * round;
                Map<Integer, Long> ends = TestFleet.publish(kafka.bootstrapServers(), topic, List.of(
                        event(sequence, new DeviceUpserted(Devices.vhba("scsi_host99", "scsi_host1",
                                0x2000000034563499L, 0x1000000034563499L, 0x2000000043214321L)))), false);
                awaitApplied(http, ends);
                assertThat(names(http.get(devices).json())).as("round %d, after the upsert", round)
                        .containsExactly("scsi_host1", "scsi_host2", "scsi_host11", "scsi_host99");
                assertThat(http.get(wwpn).status()).as("round %d", round).isEqualTo(200);

                ends = TestFleet.publish(kafka.bootstrapServers(), topic,
                        List.of(event(sequence + 1, new DeviceRemoved("scsi_host99"))), false);
                awaitApplied(http, ends);
                assertThat(names(http.get(devices).json())).as("round %d, after the removal", round)
                        .containsExactly("scsi_host1", "scsi_host2", "scsi_host11");
                assertThat(http.get(wwpn).status()).as("round %d", round).isEqualTo(404);
            }
        }
    }

    /** The next event of the libvirt-default host's LIBVIRT stream (the fleet used 0 to 2). */
    private static Event event(long sequence, Payload payload) {
        return new Event(new EventHeader(TestFleet.LIBVIRT_DEFAULT, 1, sequence, Source.LIBVIRT, TestFleet.OBSERVED_AT),
                payload);
    }

    /** Waits until /readyz reports positions at or past {@code ends}: the batch is then applied. */
    private static void awaitApplied(Http http, Map<Integer, Long> ends) {
        Await.until("positions " + ends, () -> {
            JsonNode positions = http.get("/readyz").json().get("positions");
            return ends.entrySet().stream().allMatch(end ->
                    positions.path(end.getKey().toString()).asLong(-1) >= end.getValue());
        });
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("devices").forEach(device -> names.add(device.get("name").asText()));
        return names;
    }
}
