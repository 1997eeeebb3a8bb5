package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.HostRetired;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing commands: {@code nodedex keys generate}, {@code host key}, and {@code host enroll},
 * {@code host reset} and {@code host retire} publishing records the administrators' key signed.
 */
class SigningCommandsTest {

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void keysGenerateWritesAPairAndNeverReplacesIt() throws Exception {
        Path privateKey = dir.resolve("admin.pem");
        Path publicKey = dir.resolve("admin.pub.pem");

        CommandRun run = CommandRun.of("keys", "generate", "--private-key", privateKey.toString(), "--public-key",
                publicKey.toString());
        CommandRun again = CommandRun.of("keys", "generate", "--private-key", privateKey.toString(), "--public-key",
                publicKey.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        PublicSigningKey written = PublicSigningKey.read(publicKey);
        assertThat(SigningKey.read(privateKey).publicKey()).isEqualTo(written);
        assertThat(run.out()).isEqualTo("wrote " + privateKey + " and " + publicKey + " (" + written.fingerprint() + ")\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).isEqualTo("nodedex: " + privateKey + " exists; a key file is never replaced\n");
        assertThat(SigningKey.read(privateKey).publicKey()).isEqualTo(written);
    }

    @Test
    void hostKeyPrintsTheAgentsPublicKeyCreatingThePairOnce() throws Exception {
        Path state = dir.resolve("agent-state");

        CommandRun first = CommandRun.of("host", "key", "--state-dir", state.toString());
        CommandRun second = CommandRun.of("host", "key", "--state-dir", state.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n")
                .isEqualTo(second.out()).isEqualTo(Files.readString(state.resolve("host-key.pub.pem")));
        assertThat(SigningKey.read(state.resolve("host-key.pem")).publicKey())
                .isEqualTo(PublicSigningKey.parsePem(first.out()));
    }

    @Test
    void enrollResetAndRetirePublishRecordsTheAdministratorsKeySigned() throws Exception {
        SigningKey admin = SigningKey.generate();
        admin.write(dir.resolve("admin.pem"), dir.resolve("admin.pub.pem"));
        SigningKey host = SigningKey.generate();
        host.write(dir.resolve("hv07.pem"), dir.resolve("hv07.pub.pem"));
        String[] log = {"--bootstrap-servers", kafka.bootstrapServers(), "--topic", "signed"};
        assertThat(CommandRun.of("topics", log[0], log[1], log[2], log[3]).exitCode()).isZero();

        CommandRun enroll = CommandRun.of(concat(List.of("host", "enroll", "hv07", "--public-key",
                dir.resolve("hv07.pub.pem").toString(), "--admin-key", dir.resolve("admin.pem").toString()), log));
        CommandRun reset = CommandRun.of(concat(List.of("host", "reset", "hv07", "--admin-key",
                dir.resolve("admin.pem").toString()), log));
        CommandRun retire = CommandRun.of(concat(List.of("host", "retire", "hv07", "--admin-key",
                dir.resolve("admin.pem").toString()), log));

        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        assertThat(enroll.out()).matches("enrolled host hv07 with key \\Q" + host.publicKey().fingerprint()
                + "\\E \\(signed by \\Q" + admin.publicKey().fingerprint() + "\\E\\) at offset \\d+ of signed\n");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).matches("reset the watermarks of host hv07 at offset \\d+ of signed\n");
        assertThat(retire.exitCode()).as(retire.err()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = LogCommandsTest.readAll(kafka.bootstrapServers(), "signed",
                EventKey.partition("hv07", 3));
        assertThat(records).extracting(r -> EventKey.show(r.key()) + (r.value() == null ? " tombstone" : ""))
                .containsExactly("'hv07//enrolment'", "'hv07//reset'", "'hv07//enrolment' tombstone",
                        "'hv07//reset' tombstone", "'hv07'");
        EventCodec codec = new EventCodec();
        assertThat(records).filteredOn(r -> r.value() != null).extracting(r -> codec.decode(r.value()).payload())
                .containsExactly(new HostEnrolled(host.publicKey()), new HostReset(), new HostRetired());
        assertThat(records).filteredOn(r -> r.value() != null)
                .extracting(r -> RecordSignatures.signer(r.headers(), r.key(), r.value()))
                .containsOnly(Optional.of(admin.publicKey()));
    }

    @Test
    void enrollWithAKeyFileThatIsNotAPublicKeyIsBadInputNamingIt() throws Exception {
        SigningKey.generate().write(dir.resolve("admin.pem"), dir.resolve("admin.pub.pem"));

        CommandRun run = CommandRun.of("host", "enroll", "hv07", "--public-key", dir.resolve("admin.pem").toString(),
                "--admin-key", dir.resolve("admin.pem").toString(), "--bootstrap-servers", kafka.bootstrapServers());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(dir.resolve("admin.pem") + ": not a PEM public key: expected a"
                + " '-----BEGIN PUBLIC KEY-----' block, found 'PRIVATE KEY'");
    }

    private static String[] concat(List<String> first, String[] rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
