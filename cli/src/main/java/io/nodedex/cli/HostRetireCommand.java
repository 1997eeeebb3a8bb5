package io.nodedex.cli;

import io.nodedex.event.kafka.HostRetirement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex host retire HOST}: removes a decommissioned host and everything derived from it,
 * on every replica, by publishing its retirement to the event log ({@link HostRetirement}).
 */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = {"Retire a decommissioned host: every replica forgets it and every index entry derived from it.",
            "Publishes a tombstone for each of the host's keys and a retirement record to the event log.",
            "Stop the host's agent first: anything it publishes afterwards brings the host back."})
final class HostRetireCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Parameters(paramLabel = "HOST", description = "The host id, as its agent publishes it.")
    String hostId;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> common = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, log.bootstrapServers,
                CommonClientConfigs.CLIENT_ID_CONFIG, "nodedex-host-retire");
        Map<String, Object> consumer = new HashMap<>(common);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Object> producer = new HashMap<>(common);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(producer, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            HostRetirement.Outcome outcome = new HostRetirement(reader, writer, log.topic, Clock.systemUTC())
                    .retire(hostId);
            spec.commandLine().getOut().printf("retired host %s: %d keys tombstoned, retirement at partition %d"
                    + " offset %d of %s%n", outcome.hostId(), outcome.tombstones(), outcome.partition(),
                    outcome.markerOffset(), log.topic);
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.NOT_FOUND;
        } catch (IllegalStateException | KafkaException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }
}
