package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.kafka.EventTopics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTopicsTest {

    /** Compacted, segments closed hourly, tombstones kept a day, records timed by the broker. */
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact",
            "segment.ms", "3600000", "delete.retention.ms", "86400000", "message.timestamp.type", "LogAppendTime");
    /** Deleted after 30 days. */
    private static final Map<String, String> THIRTY_DAYS = Map.of("cleanup.policy", "delete",
            "retention.ms", "2592000000");

    @Test
    void theDefaultsAreNodedexEventsWithThreePartitionsAndItsDeadLetterTopicWithOne() {
        assertThat(EventTopics.DEFAULT.events()).isEqualTo(new Topic("nodedex.events", 3, COMPACTED));
        assertThat(EventTopics.DEFAULT.deadLetters()).isEqualTo(new Topic("nodedex.events.dlq", 1, THIRTY_DAYS));
        assertThat(EventTopics.EVENTS_TOPIC).isEqualTo("nodedex.events");
        assertThat(EventTopics.DEAD_LETTER_TOPIC).isEqualTo("nodedex.events.dlq");
    }

    @Test
    void aDeadLetterTopicIsNamedAfterItsEventsTopic() {
        EventTopics topics = EventTopics.named("test-7");

        assertThat(topics.events()).isEqualTo(new Topic("test-7", 3, COMPACTED));
        assertThat(topics.deadLetters()).isEqualTo(new Topic("test-7.dlq", 1, THIRTY_DAYS));
    }

    @Test
    void theEventPartitionCountCanBeChangedAlone() {
        EventTopics topics = EventTopics.named("test-7").withEventPartitions(12);

        assertThat(topics.events()).isEqualTo(new Topic("test-7", 12, COMPACTED));
        assertThat(topics.deadLetters()).isEqualTo(new Topic("test-7.dlq", 1, THIRTY_DAYS));
    }

    @Test
    void createWithCreatesTheEventsTopicThenTheDeadLetterTopicThenTheCommandsTopic() {
        List<String> created = new ArrayList<>();

        EventTopics.DEFAULT.createWith((name, partitions, configs) -> created.add(name + "/" + partitions + "/"
                + configs.get("cleanup.policy")));

        assertThat(created).containsExactly("nodedex.events/3/compact", "nodedex.events.dlq/1/delete",
                "nodedex.commands/3/delete");
    }

    @Test
    void theCommandsTopicIsNamedAfterTheEventsTopicAndPartitionedAlike() {
        assertThat(EventTopics.named("nodedex.events").withEventPartitions(12).commands().name())
                .isEqualTo("nodedex.commands");
        assertThat(EventTopics.named("nodedex.events").withEventPartitions(12).commands().partitions()).isEqualTo(12);
        assertThat(EventTopics.named("test-7").commands().name()).isEqualTo("test-7.commands");
    }

    @Test
    void eventConfigsCanBeAddedForTestsThatWantCompactionAtWork() {
        EventTopics topics = EventTopics.named("test-7").withEventConfigs(Map.of("segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01"));

        assertThat(topics.events().configs()).containsEntry("cleanup.policy", "compact")
                .containsEntry("segment.ms", "100").containsEntry("min.cleanable.dirty.ratio", "0.01")
                .containsEntry("delete.retention.ms", "86400000");
        assertThat(topics.deadLetters().configs()).isEqualTo(THIRTY_DAYS);
    }

    @Test
    void badTopicsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> EventTopics.named(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a topic name must not be blank");
        assertThatThrownBy(() -> EventTopics.named("test-7").withEventPartitions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic 'test-7': partitions must be at least 1, was 0");
        Topic same = new Topic("test-7", 1, Map.of());
        assertThatThrownBy(() -> new EventTopics(same, same))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the dead-letter topic must differ from the events topic: test-7");
    }
}
