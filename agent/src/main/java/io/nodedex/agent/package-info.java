/**
 * The nodedex agent: one per host, started with {@link io.nodedex.agent.Agent#start} from an
 * {@link io.nodedex.agent.AgentConfig}.
 *
 * <h2>Public face</h2>
 * Eleven types, and nothing else is public: {@link io.nodedex.agent.Agent} (start, stats, close);
 * its configuration {@link io.nodedex.agent.AgentConfig} with the settings a caller chooses,
 * {@link io.nodedex.agent.LibvirtSourceSettings}, {@link io.nodedex.agent.SysfsSourceSettings},
 * {@link io.nodedex.agent.KafkaSettings} and {@link io.nodedex.agent.Backoff};
 * {@link io.nodedex.agent.PublisherStats}, what the agent reports; and
 * {@link io.nodedex.agent.HostPublisher}, the agent's publishing half for observations made
 * elsewhere (simulated fleets, load generators); and {@link io.nodedex.agent.CommandRunner},
 * configured by {@link io.nodedex.agent.CommandRunnerConfig}, which carries out the host's vHBA
 * commands with a {@link io.nodedex.agent.VhbaExecutor} (libvirt by default, through
 * {@code LibvirtVhbas}; all-in-one's simulated hosts bring their own) and publishes their outcomes
 * (docs/design.md, "Decisions are events"). Everything below is package-private machinery
 * and may change at any time.
 *
 * <h2>How it works</h2>
 * Two device sources (each a {@code DeviceSource}) hand snapshots and changes through a bounded
 * queue to one {@code Publisher} thread:
 * <ul>
 *   <li><b>libvirt</b> ({@code LibvirtSource}): lists node devices and fetches their XML through
 *       {@code LibvirtConnection}, a JNA mapping of libvirt's node device API onto
 *       {@code libvirt.so.0}; lifecycle events wake it; it reconnects with capped backoff.
 *       The connection is a face over one part per job: {@code ConnectionHandle} (lifecycle and
 *       locking), {@code NodeDeviceReads}, {@code NodeDeviceWrites}, {@code Liveness}
 *       (keepalive), {@code NodeDeviceEvents} and {@code CloseCallbacks} (callback registries).</li>
 *   <li><b>sysfs</b> ({@code SysfsSource}): reads fc_host and scsi_host ports from a kernel-layout
 *       tree, rescans periodically, and is woken on hot-plug by {@code UdevMonitor} (JNA on
 *       {@code libudev.so.1}) where a udev daemon runs.</li>
 * </ul>
 * The publisher numbers observations per source within the run's {@code Incarnation} (kept in the
 * state directory) and sends them through an {@code EventSink}: Kafka with an idempotent
 * producer, key = host id ({@code KafkaEventSink}), or JSON lines in a dry run. Whenever something
 * may have been lost (libvirt reconnected, the queue overflowed, Kafka was unreachable), every
 * affected source publishes a fresh snapshot, which replaces what it said before, so the published
 * state always heals (docs/design.md, "Idempotent apply").
 *
 * <h2>libvirt through JNA</h2>
 * <ul>
 *   <li>{@code virEventRegisterDefaultImpl} once, before the first connection; the loop runs on
 *       its own daemon thread ({@code LibvirtEventLoop}), and every callback runs there (close
 *       callbacks may also run on a thread inside a libvirt call): callbacks only hand off.</li>
 *   <li>Native callbacks are static objects, so JNA never frees a trampoline libvirt still
 *       holds; per-registration state sits behind the {@code opaque} token.</li>
 *   <li>libvirt refuses a second registration of the same callback for the same connection and
 *       event, so each connection registers once and fans events out to its subscriptions.</li>
 *   <li>Errors are per thread: copied right after the failing call, converted, reset. A silent
 *       error function keeps libvirt from printing them on stderr.</li>
 *   <li>Strings libvirt allocates for us and the device array of
 *       {@code virConnectListAllNodeDevices} are released with {@code free()}; device objects
 *       with {@code virNodeDeviceFree}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The libvirt event loop (callbacks only enqueue), one worker per source, a udev monitor thread
 * where a udev daemon runs, the publisher, and the Kafka producer's I/O thread; with a command
 * runner, {@code nodedex-commands}, which reads the commands, calls the executor and publishes each
 * outcome, one command at a time. {@code Agent}, {@code HostPublisher} and {@code CommandRunner}
 * are thread-safe; {@code close()} may be called from a shutdown hook.
 */
package io.nodedex.agent;
