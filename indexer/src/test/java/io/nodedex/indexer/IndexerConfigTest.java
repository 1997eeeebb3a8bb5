package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.kafka.EventTopics;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexerConfigTest {

    private final IndexerConfig defaults = IndexerConfig.of("kafka:9092", Path.of("/var/lib/nodedex"));

    @Test
    void defaultsNameTheStandardTopicsAndDoNotSync() {
        assertThat(defaults.topic()).isEqualTo("nodedex.events");
        assertThat(defaults.deadLetterTopic()).isEqualTo("nodedex.events.dlq");
        assertThat(defaults.rebuild()).isFalse();
        assertThat(defaults.syncWrites()).isFalse();
        assertThat(defaults.withRebuild(true).withTopic("t").rebuild()).isTrue();
    }

    @Test
    void withTopicsReadsTheEventsTopicAndDeadLettersToItsDeadLetterTopic() {
        IndexerConfig config = defaults.withTopics(EventTopics.named("site-b.events"));

        assertThat(config.topic()).isEqualTo("site-b.events");
        assertThat(config.deadLetterTopic()).isEqualTo("site-b.events.dlq");
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> defaults.withMaxPollRecords(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> defaults.withPollTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> defaults.withTopic(" ")).hasMessageContaining("topic must not be blank");
        assertThatThrownBy(() -> defaults.withDeadLetterTopic("nodedex.events"))
                .hasMessageContaining("must differ from the events topic");
    }
}
