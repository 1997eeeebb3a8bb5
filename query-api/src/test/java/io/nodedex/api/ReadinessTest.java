package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} and the inventory routes before and after the replica catches up. */
@ExtendWith(SharedKafka.class)
class ReadinessTest {

    @TempDir
    Path data;

    @Test
    void inventoryRoutesAnswer503UntilTheReplicaHasCaughtUpWithTheLogThen200(EmbeddedKafkaBroker kafka) {
        EventTopics topics = EventTopics.named("readiness.events").withEventPartitions(2);
        topics.deadLetters().createWith(kafka::createTopic);
        try (Replica replica = Replica.start(TestReplicas.indexer(kafka.bootstrapServers(), data.resolve("db"), topics),
                TestReplicas.loopback(1))) {
            Http http = new Http(replica.server().address());

            // the topic does not exist yet: the replica cannot know the log end, so it cannot be ready
            Http.Reply notReady = http.get("/readyz");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.errorCode()).isEqualTo("not_ready");
            assertThat(notReady.errorMessage()).contains("end offsets are not known yet");
            Http.Reply hosts = http.get("/v1/hosts");
            assertThat(hosts.status()).isEqualTo(503);
            assertThat(hosts.errorCode()).isEqualTo("not_ready");
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            assertThat(http.get("/openapi.json").status()).isEqualTo(200);
            assertThat(http.get("/metrics").body()).containsPattern("(?m)^nodedex_indexer_ready 0(\\.0)?$");

            topics.events().createWith(kafka::createTopic);
            TestFleet.publish(kafka.bootstrapServers(), topics.events().name());
            Await.until("/readyz to answer 200", () -> http.get("/readyz").status() == 200);

            // ready at the log end first seen, which may precede some records: they follow as lag
            Await.until("every host", () -> http.get("/v1/hosts").json().get("hosts").size() == TestFleet.HOSTS.size());
            assertThat(http.get("/metrics").body()).containsPattern("(?m)^nodedex_indexer_ready 1(\\.0)?$");
        }
    }
}
