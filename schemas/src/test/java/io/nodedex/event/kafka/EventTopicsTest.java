package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.kafka.EventTopics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTopicsTest {

    @Test
    void theDefaultsAreNodedexEventsWithThreePartitionsAndItsDeadLetterTopicWithOne() {
        assertThat(EventTopics.DEFAULT.events()).isEqualTo(new Topic("nodedex.events", 3, Map.of()));
        assertThat(EventTopics.DEFAULT.deadLetters()).isEqualTo(new Topic("nodedex.events.dlq", 1, Map.of()));
        assertThat(EventTopics.EVENTS_TOPIC).isEqualTo("nodedex.events");
        assertThat(EventTopics.DEAD_LETTER_TOPIC).isEqualTo("nodedex.events.dlq");
    }

    @Test
    void aDeadLetterTopicIsNamedAfterItsEventsTopic() {
        EventTopics topics = EventTopics.named("test-7");

        assertThat(topics.events()).isEqualTo(new Topic("test-7", 3, Map.of()));
        assertThat(topics.deadLetters()).isEqualTo(new Topic("test-7.dlq", 1, Map.of()));
    }

    @Test
    void theEventPartitionCountCanBeChangedAlone() {
        EventTopics topics = EventTopics.named("test-7").withEventPartitions(12);

        assertThat(topics.events()).isEqualTo(new Topic("test-7", 12, Map.of()));
        assertThat(topics.deadLetters()).isEqualTo(new Topic("test-7.dlq", 1, Map.of()));
    }

    @Test
    void createWithCreatesTheEventsTopicThenTheDeadLetterTopic() {
        List<String> created = new ArrayList<>();

        EventTopics.DEFAULT.createWith((name, partitions, configs) -> created.add(name + "/" + partitions + configs));

        assertThat(created).containsExactly("nodedex.events/3{}", "nodedex.events.dlq/1{}");
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
