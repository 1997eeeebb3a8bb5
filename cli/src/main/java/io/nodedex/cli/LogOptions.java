package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.event.kafka.EventTopics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * Where the event log is and how to reach it: the options of every command that reaches the Kafka
 * cluster, and the one place where a command's Kafka client settings are assembled ({@link #access}).
 */
final class LogOptions {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: the --kafka-config file's bootstrap.servers, else "
                    + DEFAULT_BOOTSTRAP_SERVERS + ").")
    Optional<String> bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = EventTopics.EVENTS_TOPIC,
            description = "The events topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = {"Kafka client properties (security.protocol, ssl.*, sasl.*, timeouts) for every Kafka"
                + " client of the command, in the format of Kafka's own --command-config files.",
                "Keys nodedex sets itself (acks, enable.idempotence, serializers, group.id, enable.auto.commit,"
                    + " auto.offset.reset, client.id, ...) are refused; bootstrap.servers only with no"
                    + " --bootstrap-servers."})
    Optional<Path> kafkaConfig;

    /**
     * The cluster and the client properties from the options: {@code --bootstrap-servers}, else the
     * config file's {@code bootstrap.servers}, else {@value #DEFAULT_BOOTSTRAP_SERVERS}; the config
     * file's other properties with {@code extra} (e.g. the agent's {@code --producer-property}) over them.
     *
     * @throws InvalidInputException when the config file is missing or unreadable, sets
     *     {@code bootstrap.servers} while {@code --bootstrap-servers} is given, or holds a key
     *     nodedex refuses ({@link ClientProperties})
     */
    KafkaAccess access(Map<String, String> extra) {
        Map<String, String> file = new TreeMap<>(kafkaConfig.map(ClientProperties::read).orElse(Map.of()));
        Optional<String> fromFile = Optional.ofNullable(file.remove(BOOTSTRAP_SERVERS));
        if (fromFile.isPresent() && bootstrapServers.isPresent()) {
            throw new InvalidInputException(kafkaConfig.orElseThrow() + " sets " + BOOTSTRAP_SERVERS
                    + " and --bootstrap-servers is given too: keep one");
        }
        ClientProperties properties = kafkaConfig.map(path -> ClientProperties.of(file, path))
                .orElse(ClientProperties.NONE).with(extra);
        String servers = bootstrapServers.or(() -> fromFile).orElse(DEFAULT_BOOTSTRAP_SERVERS);
        if (servers.isBlank()) {
            throw new InvalidInputException("the Kafka bootstrap servers must not be blank");
        }
        return new KafkaAccess(servers, properties);
    }

    /** {@link #access(Map)} without extra properties. */
    KafkaAccess access() {
        return access(Map.of());
    }
}
