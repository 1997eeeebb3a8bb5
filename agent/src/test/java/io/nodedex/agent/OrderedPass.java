package io.nodedex.agent;

import io.nodedex.event.Event;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The expected state of a replica, computed apart from the replica under test: one ordered pass over
 * exactly what the broker acknowledged to the agents, every stream after the other, each in order,
 * written by the agent's own sink to a broker of its own with nothing going wrong, and folded by a
 * fresh replica.
 */
final class OrderedPass {

    private static final EventTopics TOPICS = EventTopics.named("ordered-pass");

    private OrderedPass() {
    }

    /** The state digest of that pass over {@code streams}; {@code directory} holds its database. */
    static String digest(List<List<Event>> streams, Path directory) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TOPICS.createWith(broker::createTopic);
            KafkaSettings kafka = KafkaSettings.DEFAULT.withBootstrapServers(broker.bootstrapServers())
                    .withTopic(TOPICS.events().name());
            for (List<Event> stream : streams) {
                try (KafkaEventSink sink = KafkaEventSink.create(kafka, stream.get(0).header().hostId(), SigningKey.generate())) {
                    for (Event event : stream) {
                        sink.send(event);
                    }
                }
            }
            long events = streams.stream().mapToLong(List::size).sum();
            ReplicaThread replica = ReplicaThread.start(IndexerConfig.of(broker.bootstrapServers(), directory)
                    .withTopics(TOPICS));
            try (replica) {
                replica.awaitApplied(TopicEnds.of(broker.bootstrapServers(), TOPICS.events().name(), Map.of()));
                if (replica.reader().counters().eventsApplied() != events) {
                    throw new AssertionError("the ordered pass applied " + replica.reader().counters() + " of "
                            + events + " events");
                }
            }
            return replica.digest();
        }
    }
}
