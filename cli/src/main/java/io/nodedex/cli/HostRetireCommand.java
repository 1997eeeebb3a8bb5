package io.nodedex.cli;

import io.nodedex.event.kafka.HostRetirement;
import io.nodedex.event.signing.SigningKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--admin-key", paramLabel = "FILE",
            description = "The administrators' Ed25519 private key (PEM, PKCS#8), which signs the retirement; replicas"
                    + " that check signatures refuse it without.")
    Optional<Path> adminKey;

    private static final String CLIENT_ID = "nodedex-host-retire";

    @Override
    public Integer call() throws InterruptedException {
        Optional<SigningKey> admin = adminKey.map(SigningKey::read);
        KafkaAccess kafka = log.access();
        try (KafkaConsumer<byte[], byte[]> reader = kafka.consumer(CLIENT_ID);
                KafkaProducer<byte[], byte[]> writer = kafka.producer(CLIENT_ID)) {
            HostRetirement.Outcome outcome = new HostRetirement(reader, writer, log.topic, Clock.systemUTC(), admin)
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
