package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.agent.AgentConfig;
import io.nodedex.indexer.IndexerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --kafka-config FILE}: one file of Kafka client properties for every command that reaches
 * the broker, checked before anything connects. Against a secured broker: {@code SecuredLogCommandsTest}.
 */
class KafkaConfigOptionTest {

    private static final String SECURITY = """
            security.protocol=SASL_SSL
            ssl.truststore.location=/etc/nodedex/kafka-ca.p12
            ssl.truststore.type=PKCS12
            sasl.mechanism=SCRAM-SHA-512
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="nodedex" password="s3cret";
            """;

    @TempDir
    Path dir;

    /** Every command that reaches the broker, with what it needs besides its Kafka options. */
    static Stream<List<String>> commandsThatReachTheBroker() {
        return Stream.of(List.of("agent", "--dry-run", "--no-libvirt"), List.of("indexer"), List.of("serve"),
                List.of("host", "retire", "hv01"), List.of("topics"), List.of("all-in-one", "--port", "0"));
    }

    @Test
    void theFilesPropertiesReachTheAgentsProducerWithProducerPropertiesOverThem() throws IOException {
        Path file = write(SECURITY + "linger.ms=3\n");

        AgentConfig config = parseAgent("--kafka-config", file.toString(), "--producer-property", "linger.ms=20");

        assertThat(config.kafka().properties().values()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("linger.ms", "20").hasSize(6);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void theFilesPropertiesReachTheIndexerOfServeAndItsBootstrapServersWhenNoOptionGivesThem() throws IOException {
        Path file = write(SECURITY + "bootstrap.servers=k1:9093,k2:9093\n");

        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--kafka-config", file.toString());
        IndexerConfig indexer = serve.indexerConfig();

        assertThat(indexer.bootstrapServers()).isEqualTo("k1:9093,k2:9093");
        assertThat(indexer.kafkaProperties().values()).containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("bootstrap.servers").hasSize(5);
    }

    @Test
    void bootstrapServersInTheFileAndAsAnOptionIsBadInputNamingBoth() throws IOException {
        Path file = write("bootstrap.servers=k1:9093\n");

        CommandRun run = CommandRun.of("indexer", "--bootstrap-servers", "k2:9093", "--kafka-config", file.toString(),
                "--data", dir.resolve("db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("nodedex: " + file + " sets bootstrap.servers and --bootstrap-servers is given"
                + " too: keep one\n");
    }

    @ParameterizedTest
    @MethodSource("commandsThatReachTheBroker")
    void aMissingConfigFileIsBadInputNamingItBeforeAnythingConnects(List<String> command) {
        Path missing = dir.resolve("missing.properties");

        CommandRun run = CommandRun.of(args(command, "--kafka-config", missing.toString()));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("nodedex: Kafka client config " + missing + " does not exist\n");
    }

    @ParameterizedTest
    @MethodSource("commandsThatReachTheBroker")
    void aKeyNodedexSetsItselfIsBadInputNamingTheFileAndTheKey(List<String> command) throws IOException {
        Path file = write("acks=1\n");

        CommandRun run = CommandRun.of(args(command, "--kafka-config", file.toString()));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("nodedex: " + file + ": Kafka client property 'acks' is set by nodedex"
                + " itself and cannot be given: every write waits for all in-sync replicas");
    }

    @Test
    void aProducerPropertyNodedexSetsItselfIsBadInputToo() {
        CommandRun run = CommandRun.of("agent", "--dry-run", "--no-libvirt", "--producer-property",
                "enable.idempotence=false");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("nodedex: Kafka client property 'enable.idempotence' is set by nodedex itself");
    }

    @Test
    void allInOneRefusesSecuritySettingsItsPlaintextBrokerCannotAnswer() throws IOException {
        Path file = write(SECURITY);

        CommandRun run = CommandRun.of("all-in-one", "--port", "0", "--data", dir.resolve("data").toString(),
                "--kafka-config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("nodedex: --kafka-config: security.protocol=SASL_SSL cannot reach"
                + " all-in-one's embedded broker, which listens in plaintext on 127.0.0.1; leave security settings"
                + " out of the file\n");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("client.properties"), text);
    }

    private static String[] args(List<String> command, String... more) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static AgentConfig parseAgent(String... args) {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }
}
