package io.nodedex.cli;

import io.nodedex.agent.Agent;
import io.nodedex.agent.AgentConfig;
import io.nodedex.agent.CommandRunner;
import io.nodedex.agent.CommandRunnerConfig;
import io.nodedex.agent.KafkaSettings;
import io.nodedex.agent.LibvirtSourceSettings;
import io.nodedex.agent.SysfsSourceSettings;
import io.nodedex.agent.VhbaExecutor;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.signing.PublicSigningKey;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex agent}: watches this host's node devices (libvirt and udev/sysfs) and publishes
 * them to Kafka until SIGINT or SIGTERM, then closes cleanly (the producer flushed, libvirt
 * closed). Only parses options; the agent itself is {@link Agent}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish this host's node devices (libvirt, udev/sysfs HBAs) to Kafka until stopped (SIGINT/SIGTERM).",
            "On start and after every reconnect it publishes a full snapshot; then every change."})
final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host-id", paramLabel = "ID",
            description = "This host's id in the inventory (default: the machine's hostname).")
    Optional<String> hostId;

    @Mixin
    LogOptions log;

    @Option(names = "--libvirt-uri", paramLabel = "URI", defaultValue = LibvirtSourceSettings.DEFAULT_URI,
            description = "The libvirt connection URI (default: ${DEFAULT-VALUE}).")
    String libvirtUri;

    @Option(names = "--no-libvirt", description = "Do not read libvirt (hosts without libvirt).")
    boolean noLibvirt;

    @Option(names = "--sysfs", paramLabel = "ROOT", defaultValue = "/sys",
            description = "The sysfs root to read fc_host and scsi_host ports from (default: ${DEFAULT-VALUE}).")
    Path sysfsRoot;

    @Option(names = "--no-sysfs", description = "Do not read sysfs/udev.")
    boolean noSysfs;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Publish a heartbeat when nothing else was published for this long (default: ${DEFAULT-VALUE}).")
    Duration heartbeatInterval;

    @Option(names = "--resend-interval", paramLabel = "DURATION", defaultValue = "6h",
            converter = DurationConverter.class,
            description = {"Re-send every source's full state this often, the first time after a random part of it"
                + " (default: ${DEFAULT-VALUE}): lost events heal within it; an unchanged re-send changes nothing."})
    Duration resendInterval;

    @Option(names = "--rescan-interval", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Rescan sysfs this often, besides udev hot-plug events (default: ${DEFAULT-VALUE}).")
    Duration rescanInterval;

    /** Where an agent keeps its state unless told otherwise. */
    static final String DEFAULT_STATE_DIR = "/var/lib/nodedex/agent";

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = DEFAULT_STATE_DIR,
            description = "Where the agent keeps its incarnation across restarts and its signing key"
                    + " (host-key.pem, created on the first start) (default: ${DEFAULT-VALUE}).")
    Path stateDirectory;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "A Kafka producer property, over those of --kafka-config, e.g. linger.ms=5; repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--dry-run",
            description = "Print the events as JSON lines on standard output instead of publishing them.")
    boolean dryRun;

    @Option(names = "--command-public-key", paramLabel = "FILE",
            description = "The API servers' command key, public half (PEM): with it, the agent carries out the vHBA"
                    + " commands for this host that this key signed (through libvirt, --libvirt-uri) and refuses"
                    + " any other.")
    Optional<Path> commandPublicKey;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig config = config();
        Agent agent = Agent.start(config, spec.commandLine().getOut());
        Optional<CommandRunner> commands = dryRun ? Optional.empty() : commandPublicKey.map(file -> CommandRunner.start(
                new CommandRunnerConfig(config.hostId(), config.kafka(),
                        EventTopics.named(config.kafka().topic()).commands().name(), PublicSigningKey.read(file),
                        config.stateDirectory(), VhbaExecutor.libvirt(libvirtUri))));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            commands.ifPresent(CommandRunner::close);
            agent.close();
            closed.countDown();
        }, "nodedex-agent-shutdown"));
        closed.await();
        return ExitCodes.OK;
    }

    /**
     * The agent's configuration from the options.
     *
     * @throws io.nodedex.device.InvalidInputException when the Kafka options cannot be used ({@link LogOptions#access})
     */
    AgentConfig config() {
        if (noLibvirt && noSysfs) {
            throw new ParameterException(spec.commandLine(),
                    "--no-libvirt and --no-sysfs together leave nothing to publish");
        }
        String host = hostId.orElseGet(AgentCommand::localHostName);
        KafkaAccess kafka = log.access(producerProperties);
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host-id must not be blank");
        }
        return AgentConfig.defaults(host)
                .withLibvirt(noLibvirt ? Optional.empty() : Optional.of(LibvirtSourceSettings.of(libvirtUri)))
                .withSysfs(noSysfs ? Optional.empty() : Optional.of(SysfsSourceSettings.of(sysfsRoot, rescanInterval)))
                .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(kafka.bootstrapServers()).withTopic(log.topic)
                        .withProperties(kafka.properties()))
                .withHeartbeatInterval(heartbeatInterval)
                .withResendInterval(resendInterval)
                .withStateDirectory(stateDirectory)
                .withDryRun(dryRun);
    }

    /** What {@code hostname} prints: the kernel's host name, else what Java resolves. */
    static String localHostName() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException e) {
            // not Linux: ask Java
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell this machine's hostname; pass --host-id", e);
        }
    }
}
