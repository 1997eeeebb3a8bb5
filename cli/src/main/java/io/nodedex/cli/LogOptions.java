package io.nodedex.cli;

import io.nodedex.event.kafka.EventTopics;
import picocli.CommandLine.Option;

/** Where the event log is: the options of every command that reaches the Kafka cluster. */
final class LogOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = EventTopics.EVENTS_TOPIC,
            description = "The events topic (default: ${DEFAULT-VALUE}).")
    String topic;
}
