package io.nodedex.cli;

import io.nodedex.event.kafka.AdminRecords;
import io.nodedex.event.signing.SigningKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex host reset HOST}: resets the host's watermarks on every replica, so that the
 * next record of each of its sources applies; its devices stay until then. Recovers a host whose
 * watermark ran ahead of its agent (a clock once far ahead).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Reset a host's watermarks on every replica: the next record of each of its sources applies"
            + " whatever its numbers; its devices stay until then.",
            "Recovers a host whose events are all skipped as duplicates because its watermark ran ahead (its clock"
            + " was once far ahead). Restart the host's agent afterwards, so it re-sends its state."})
final class HostResetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Parameters(paramLabel = "HOST", description = "The host id, as its agent publishes it.")
    String hostId;

    @Option(names = "--admin-key", paramLabel = "FILE",
            description = "The administrators' Ed25519 private key (PEM, PKCS#8), which signs the reset; replicas"
                    + " that check signatures refuse it without.")
    Optional<Path> adminKey;

    @Override
    public Integer call() throws InterruptedException {
        Optional<SigningKey> admin = adminKey.map(SigningKey::read);
        try (KafkaProducer<byte[], byte[]> producer = log.access().producer("nodedex-host-reset")) {
            long offset = new AdminRecords(producer, log.topic, Clock.systemUTC(), admin).reset(hostId);
            spec.commandLine().getOut().printf("reset the watermarks of host %s at offset %d of %s%n", hostId, offset,
                    log.topic);
            return ExitCodes.OK;
        } catch (IllegalStateException | KafkaException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }
}
