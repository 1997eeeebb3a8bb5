package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.agent.AgentConfig;
import io.nodedex.agent.LibvirtSourceSettings;
import io.nodedex.agent.SysfsSourceSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nodedex agent}: its options, its errors, and a real run stopped by SIGTERM. */
class AgentCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void defaultsAreWhatASysadminExpects() {
        AgentConfig config = parse();

        assertThat(config.hostId()).isEqualTo(AgentCommand.localHostName()).isNotBlank();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().topic()).isEqualTo("nodedex.events");
        assertThat(config.libvirt().map(LibvirtSourceSettings::uri)).contains("qemu:///system");
        assertThat(config.sysfs()).contains(SysfsSourceSettings.of(Path.of("/sys"), Duration.ofSeconds(60)));
        assertThat(config.sysfs().orElseThrow().hotplug()).isTrue();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.stateDirectory()).isEqualTo(Path.of("/var/lib/nodedex/agent"));
        assertThat(config.dryRun()).isFalse();
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        AgentConfig config = parse("--host-id", "hv042", "--bootstrap-servers", "k1:9092,k2:9092",
                "--topic", "inventory", "--libvirt-uri", "qemu+ssh://hv042/system", "--sysfs", dir.toString(),
                "--heartbeat-interval", "10s", "--rescan-interval", "PT2M", "--state-dir", dir.resolve("state").toString(),
                "--producer-property", "security.protocol=SSL", "--dry-run");

        assertThat(config.hostId()).isEqualTo("hv042");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.kafka().topic()).isEqualTo("inventory");
        assertThat(config.kafka().properties().values()).isEqualTo(Map.of("security.protocol", "SSL"));
        assertThat(config.libvirt().map(LibvirtSourceSettings::uri)).contains("qemu+ssh://hv042/system");
        assertThat(config.sysfs()).contains(new SysfsSourceSettings(dir, Duration.ofMinutes(2), false));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.stateDirectory()).isEqualTo(dir.resolve("state"));
        assertThat(config.dryRun()).isTrue();
    }

    @Test
    void eitherSourceCanBeSwitchedOff() {
        assertThat(parse("--no-libvirt").libvirt()).isEmpty();
        assertThat(parse("--no-sysfs").sysfs()).isEmpty();
    }

    @Test
    void bothSourcesOffIsAUsageError() {
        CommandRun run = CommandRun.of("agent", "--no-libvirt", "--no-sysfs");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--no-libvirt and --no-sysfs");
    }

    @Test
    void aDurationThatIsNotOneIsAUsageErrorNamingIt() {
        CommandRun run = CommandRun.of("agent", "--heartbeat-interval", "soon");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'soon'");
    }

    @Test
    void aSysfsRootThatIsNotADirectoryIsBadInputNamingIt() {
        Path missing = dir.resolve("no-sys");

        CommandRun run = CommandRun.of("agent", "--no-libvirt", "--sysfs", missing.toString(), "--dry-run",
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(missing.toString()).contains("not a directory");
    }

    @Test
    void aDryRunPrintsTheSnapshotAsJsonLinesAndStopsCleanlyOnSigterm() throws Exception {
        Path host = Files.writeString(dir.resolve("host.xml"), """
                <node>
                  <device>
                    <name>computer</name>
                    <capability type='system'><hardware><uuid>4c4c4544-0058-4b10-8032-b7c04f513533</uuid></hardware></capability>
                  </device>
                  <device>
                    <name>scsi_host5</name>
                    <parent>computer</parent>
                    <capability type='scsi_host'>
                      <host>5</host>
                      <capability type='fc_host'>
                        <wwnn>20000090fa1c2d3e</wwnn>
                        <wwpn>10000090fa1c2d3e</wwpn>
                        <fabric_wwn>100000051e9a0b01</fabric_wwn>
                      </capability>
                      <capability type='vport_ops'><max_vports>255</max_vports><vports>0</vports></capability>
                    </capability>
                  </device>
                </node>
                """);
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent", "--dry-run",
                "--host-id", "hv042", "--no-sysfs", "--libvirt-uri", "test://" + host,
                "--state-dir", dir.resolve("state").toString())
                .redirectError(dir.resolve("stderr").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode snapshot = MAPPER.readTree(out.readLine());

            agent.destroy(); // SIGTERM
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("hostId").asText()).isEqualTo("hv042");
            assertThat(snapshot.get("source").asText()).isEqualTo("LIBVIRT");
            assertThat(snapshot.get("sequence").asLong()).isZero();
            List<String> names = new ArrayList<>();
            snapshot.get("devices").forEach(d -> names.add(d.get("name").asText()));
            assertThat(names).containsExactly("computer", "scsi_host5");
            assertThat(snapshot.at("/devices/1/capabilities/1/wwpn").asText()).isEqualTo("10000090fa1c2d3e");
            assertThat(agent.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's exit status after a clean shutdown
            assertThat(Files.readString(dir.resolve("stderr"))).contains("Agent stopped");
            assertThat(Files.readString(dir.resolve("state/incarnation"))).isNotBlank();
        } finally {
            agent.destroyForcibly();
        }
    }

    private static AgentConfig parse(String... args) {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }
}
