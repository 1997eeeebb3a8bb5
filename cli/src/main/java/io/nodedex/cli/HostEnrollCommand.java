package io.nodedex.cli;

import io.nodedex.event.kafka.AdminRecords;
import io.nodedex.event.signing.PublicSigningKey;
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
 * {@code nodedex host enroll HOST --public-key FILE --admin-key FILE}: enrols a host's public key
 * by publishing the enrolment, signed by the administrators' key, to the event log; every replica
 * that checks signatures then applies the host's records signed by that key, and only those.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enrol a host's public key: replicas that check signatures (--admin-public-key) apply the"
            + " host's records only when that key signed them.",
            "Get the key on the host with `nodedex host key --state-dir DIR` (the agent's --state-dir).",
            "Enrolling again replaces the key; retiring the host revokes it."})
final class HostEnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Parameters(paramLabel = "HOST", description = "The host id, as its agent publishes it.")
    String hostId;

    @Option(names = "--public-key", paramLabel = "FILE", required = true,
            description = "The host's Ed25519 public key (PEM), as `nodedex host key` prints it.")
    Path publicKey;

    @Option(names = "--admin-key", paramLabel = "FILE", required = true,
            description = "The administrators' Ed25519 private key (PEM, PKCS#8), which signs the enrolment.")
    Path adminKey;

    @Override
    public Integer call() throws InterruptedException {
        PublicSigningKey key = PublicSigningKey.read(publicKey);
        SigningKey admin = SigningKey.read(adminKey);
        try (KafkaProducer<byte[], byte[]> producer = log.access().producer("nodedex-host-enroll")) {
            long offset = new AdminRecords(producer, log.topic, Clock.systemUTC(), Optional.of(admin)).enrol(hostId, key);
            spec.commandLine().getOut().printf("enrolled host %s with key %s (signed by %s) at offset %d of %s%n",
                    hostId, key.fingerprint(), admin.publicKey().fingerprint(), offset, log.topic);
            return ExitCodes.OK;
        } catch (IllegalStateException | KafkaException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }
}
