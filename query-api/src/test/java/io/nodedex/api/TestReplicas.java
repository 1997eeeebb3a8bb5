package io.nodedex.api;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.IndexerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** How the API's tests configure and start a replica: one place for what they all share. */
final class TestReplicas {

    private TestReplicas() {
    }

    /** An indexer over {@code topics} keeping its database in {@code db}, polling every 100 ms. */
    static IndexerConfig indexer(String bootstrapServers, Path db, EventTopics topics) {
        return IndexerConfig.of(bootstrapServers, db).withTopics(topics).withPollTimeout(Duration.ofMillis(100));
    }

    /** A server on a free loopback port with {@code ioThreads} I/O threads. */
    static QueryServerConfig loopback(int ioThreads) {
        return QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0)).withIoThreads(ioThreads);
    }

    /** Waits until {@code replica} answers ready; returns a client of its server. */
    static Http awaitReady(Replica replica) {
        Http http = new Http(replica.server().address());
        Await.until("the replica to be ready", () -> http.get("/readyz").status() == 200);
        return http;
    }
}
