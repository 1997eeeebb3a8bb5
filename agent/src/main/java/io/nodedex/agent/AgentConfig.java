package io.nodedex.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link Agent} needs. Start from {@link #defaults(String)} and change what
 * differs with the {@code with...} methods.
 *
 * @param hostId the host's id: the Kafka key and the first part of every device's identity
 * @param libvirt the libvirt source, if enabled
 * @param sysfs the udev/sysfs source, if enabled
 * @param kafka where events go (unused with {@code dryRun})
 * @param heartbeatInterval a heartbeat is published when nothing else was for this long
 * @param stateDirectory where the incarnation is kept across restarts
 * @param queueCapacity observations held at most while Kafka is slow or unreachable
 * @param publishRetry the pause between retries of a failed send
 * @param dryRun print events as JSON lines on standard output instead of publishing
 * @param resendInterval every source re-sends its full state this often (the first time after a
 *     random part of it, so a fleet's re-sends spread out): lost events heal within it, and an
 *     unchanged re-send replaces the previous one in the compacted log and changes no state
 */
public record AgentConfig(String hostId, Optional<LibvirtSourceSettings> libvirt,
        Optional<SysfsSourceSettings> sysfs, KafkaSettings kafka, Duration heartbeatInterval,
        Path stateDirectory, int queueCapacity, Backoff publishRetry, boolean dryRun, Duration resendInterval) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofHours(6);
    public static final Duration DEFAULT_RESCAN_INTERVAL = Duration.ofSeconds(60);
    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/nodedex/agent");
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Path DEFAULT_SYSFS_ROOT = Path.of("/sys");

    public AgentConfig {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(libvirt, "libvirt");
        Objects.requireNonNull(sysfs, "sysfs");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(publishRetry, "publishRetry");
        Objects.requireNonNull(resendInterval, "resendInterval");
        if (hostId.isBlank()) {
            throw new IllegalArgumentException("the host id must not be blank");
        }
        if (libvirt.isEmpty() && sysfs.isEmpty()) {
            throw new IllegalArgumentException("both sources are disabled: the agent would have nothing to publish");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, got " + heartbeatInterval);
        }
        if (resendInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the re-send interval must be at least 1 s, got " + resendInterval);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the queue capacity must be at least 1, got " + queueCapacity);
        }
    }

    /**
     * What a sysadmin expects: libvirt at {@code qemu:///system}, sysfs at {@code /sys} rescanned
     * every minute, Kafka at {@code localhost:9092}, topic {@code nodedex.events}, a heartbeat
     * every 30 s, the full state re-sent every 6 hours, state in {@code /var/lib/nodedex/agent}.
     */
    public static AgentConfig defaults(String hostId) {
        return new AgentConfig(hostId, Optional.of(LibvirtSourceSettings.of(LibvirtSourceSettings.DEFAULT_URI)),
                Optional.of(SysfsSourceSettings.of(DEFAULT_SYSFS_ROOT, DEFAULT_RESCAN_INTERVAL)), KafkaSettings.DEFAULT,
                DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_STATE_DIRECTORY, DEFAULT_QUEUE_CAPACITY,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2, true), false, DEFAULT_RESEND_INTERVAL);
    }

    public AgentConfig withLibvirt(Optional<LibvirtSourceSettings> settings) {
        return new AgentConfig(hostId, settings, sysfs, kafka, heartbeatInterval, stateDirectory, queueCapacity,
                publishRetry, dryRun, resendInterval);
    }

    public AgentConfig withSysfs(Optional<SysfsSourceSettings> settings) {
        return new AgentConfig(hostId, libvirt, settings, kafka, heartbeatInterval, stateDirectory, queueCapacity,
                publishRetry, dryRun, resendInterval);
    }

    public AgentConfig withKafka(KafkaSettings settings) {
        return new AgentConfig(hostId, libvirt, sysfs, settings, heartbeatInterval, stateDirectory, queueCapacity,
                publishRetry, dryRun, resendInterval);
    }

    public AgentConfig withHeartbeatInterval(Duration interval) {
        return new AgentConfig(hostId, libvirt, sysfs, kafka, interval, stateDirectory, queueCapacity,
                publishRetry, dryRun, resendInterval);
    }

    public AgentConfig withStateDirectory(Path directory) {
        return new AgentConfig(hostId, libvirt, sysfs, kafka, heartbeatInterval, directory, queueCapacity,
                publishRetry, dryRun, resendInterval);
    }

    public AgentConfig withQueueCapacity(int capacity) {
        return new AgentConfig(hostId, libvirt, sysfs, kafka, heartbeatInterval, stateDirectory, capacity,
                publishRetry, dryRun, resendInterval);
    }

    public AgentConfig withPublishRetry(Backoff retry) {
        return new AgentConfig(hostId, libvirt, sysfs, kafka, heartbeatInterval, stateDirectory, queueCapacity,
                retry, dryRun, resendInterval);
    }

    public AgentConfig withDryRun(boolean enabled) {
        return new AgentConfig(hostId, libvirt, sysfs, kafka, heartbeatInterval, stateDirectory, queueCapacity,
                publishRetry, enabled, resendInterval);
    }

    public AgentConfig withResendInterval(Duration interval) {
        return new AgentConfig(hostId, libvirt, sysfs, kafka, heartbeatInterval, stateDirectory, queueCapacity,
                publishRetry, dryRun, interval);
    }
}
