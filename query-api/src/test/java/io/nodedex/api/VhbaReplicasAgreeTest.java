package io.nodedex.api;

import static io.nodedex.testkit.Devices.liveHba;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.indexer.StateDigest;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.Events;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every replica decides alike: concurrent requests decided by one replica, then a replica built
 * from nothing over the same log holds byte for byte the same state, the reservations included.
 */
@ExtendWith(SharedKafka.class)
class VhbaReplicasAgreeTest {

    private static final EventTopics TOPICS = EventTopics.named("agree.events");
    private static final long FABRIC = 0x1000_0005_1e9a_0001L;
    private static final Device TWO_FREE = liveHba("scsi_host1", 0x2000_0000_0000_0001L, 0x1000_0000_0000_0001L,
            FABRIC, 4, 2);
    private static final Device ROOMY = liveHba("scsi_host2", 0x2000_0000_0000_0002L, 0x1000_0000_0000_0002L,
            FABRIC, 64, 0);

    @TempDir
    Path data;

    @Test
    void aSecondReplicaOfTheSameLogHoldsTheSameReservations(EmbeddedKafkaBroker kafka) throws Exception {
        TOPICS.createWith(kafka::createTopic);
        TestFleet.publish(kafka.bootstrapServers(), TOPICS.events().name(),
                List.of(Events.of("hv1", Source.UDEV).snapshot(TWO_FREE, ROOMY),
                        Events.of("hv2", Source.UDEV).snapshot(TWO_FREE, ROOMY)), false);
        try (Replica first = Replica.start(config(kafka, "one"), server(),
                Optional.of(new CommandSettings(SigningKey.generate(), Duration.ofMinutes(10))))) {
            Http http = new Http(first.server().address());
            Await.until("the first replica", () -> http.get("/readyz").status() == 200);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = i % 2 == 0
                        ? "{\"host\": \"hv1\", \"parent\": \"scsi_host1\", \"requestId\": \"r" + i + "\"}"
                        : "{\"host\": \"hv2\", \"parentFabricWwn\": \"" + Long.toHexString(FABRIC)
                                + "\", \"requestId\": \"r" + i + "\"}";
                replies.add(pool.submit(() -> new Http(first.server().address()).sendBody("POST", "/v1/vhbas?wait=0",
                        body)));
            }
            for (Future<Http.Reply> reply : replies) {
                reply.get();
            }
            pool.shutdown();
            Await.until("every request decided", () -> {
                for (int i = 0; i < 8; i++) {
                    if (http.get("/v1/vhba-requests/r" + i).status() != 200) {
                        return false;
                    }
                }
                return true;
            });
        }
        try (Replica second = Replica.start(config(kafka, "two"), server())) {
            Http http = new Http(second.server().address());
            Await.until("the second replica", () -> http.get("/readyz").status() == 200
                    && http.get("/v1/vhba-requests/r7").status() == 200);
        }

        assertThat(StateDigest.of(data.resolve("two"))).isEqualTo(StateDigest.of(data.resolve("one")));
    }

    private static QueryServerConfig server() {
        return QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0)).withIoThreads(1);
    }

    private IndexerConfig config(EmbeddedKafkaBroker kafka, String name) {
        return IndexerConfig.of(kafka.bootstrapServers(), data.resolve(name)).withTopics(TOPICS)
                .withPollTimeout(Duration.ofMillis(100));
    }
}
