package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's SCSI hosts and Fibre Channel ports as sysfs shows them ({@link Source#UDEV}), read
 * with {@link SysfsTree} (the same rules as the offline reader).
 *
 * <p>It publishes a {@link HostSnapshot} first, then rescans: every
 * {@link SysfsSourceSettings#rescanInterval()}, and promptly after a udev event of
 * {@link UdevMonitor#HBA_SUBSYSTEMS} when a udev monitor could be opened. A rescan publishes only
 * what changed since the previous read ({@link DeviceChanges}): upserts for new or changed
 * devices, removals for gone ones, nothing when nothing changed. If the monitor cannot be opened,
 * fails, or misses a change that a periodic rescan finds, that is logged once and the periodic
 * rescans carry on alone.
 *
 * <p><b>Threads.</b> One worker thread ({@value #THREAD_NAME}) reads and publishes; a monitor
 * thread ({@value #MONITOR_THREAD_NAME}), if any, only wakes the worker.
 */
final class SysfsSource implements DeviceSource {

    static final String THREAD_NAME = "nodedex-sysfs-source";
    static final String MONITOR_THREAD_NAME = "nodedex-udev-monitor";

    private static final Logger LOG = LoggerFactory.getLogger(SysfsSource.class);

    /** How long the monitor waits in one poll, i.e. how soon it notices closing. */
    private static final Duration MONITOR_POLL = Duration.ofMillis(500);
    /** Events come in bursts (a vport brings fc_vports, scsi_host and fc_host events): wait for the rest. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private final SysfsSourceSettings settings;
    private final Supplier<UdevMonitor> monitors;
    private final Signals signals = new Signals();
    private final FailureEpisode reading;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean monitorMissedReported = new AtomicBoolean();
    private final AtomicLong completedScans = new AtomicLong();
    private volatile boolean monitorActive;
    private Thread worker;
    private Thread monitorThread;
    private Outlet outlet; // set once by start(), then only used by the worker

    public SysfsSource(SysfsSourceSettings settings) {
        this(settings, () -> UdevMonitor.open(UdevMonitor.HBA_SUBSYSTEMS));
    }

    /** With another way to open the udev monitor (tests under umockdev, which has no udev daemon). */
    SysfsSource(SysfsSourceSettings settings, Supplier<UdevMonitor> monitors) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.monitors = Objects.requireNonNull(monitors, "monitors");
        this.reading = new FailureEpisode(LOG, "Reading HBAs from sysfs at " + settings.root());
    }

    @Override
    public Source source() {
        return Source.UDEV;
    }

    @Override
    public void start(Outlet outlet) {
        Objects.requireNonNull(outlet, "outlet");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the sysfs source was already started");
        }
        this.outlet = outlet;
        openMonitor().ifPresent(monitor -> {
            monitorActive = true;
            monitorThread = new Thread(() -> watch(monitor), MONITOR_THREAD_NAME);
            monitorThread.setDaemon(true);
            monitorThread.start();
        });
        worker = new Thread(this::run, THREAD_NAME);
        worker.start();
    }

    @Override
    public void requestSnapshot() {
        signals.snapshot();
    }

    /** Whether a udev monitor is feeding this source; for tests and diagnostics. */
    public boolean hotplugActive() {
        return monitorActive;
    }

    /** Rescans now, as a udev event would make it; for tests. */
    void rescanNow() {
        signals.hotplug();
    }

    /** Reads of sysfs finished so far, including their publishing; for tests. */
    long completedScans() {
        return completedScans.get();
    }

    @Override
    public void close() {
        signals.close();
        join(worker);
        join(monitorThread);
    }

    private Optional<UdevMonitor> openMonitor() {
        String fallback = "rescanning " + settings.root() + " every " + settings.rescanInterval().toSeconds() + " s";
        if (!settings.hotplug()) {
            LOG.info("No udev hot-plug monitor for {} (libudev only describes /sys); {}", settings.root(), fallback);
            return Optional.empty();
        }
        try {
            return Optional.of(monitors.get());
        } catch (UdevUnavailableException e) {
            LOG.info("No udev hot-plug monitor: {}; {}", e.getMessage(), fallback);
            return Optional.empty();
        }
    }

    private void watch(UdevMonitor monitor) {
        try (monitor) {
            while (!signals.isClosed()) {
                monitor.next(MONITOR_POLL).ifPresent(event -> {
                    LOG.debug("udev: {}", event);
                    signals.hotplug();
                });
            }
        } catch (RuntimeException e) {
            monitorActive = false;
            LOG.warn("The udev hot-plug monitor failed: {}; rescanning {} every {} s instead", e.getMessage(),
                    settings.root(), settings.rescanInterval().toSeconds());
        }
    }

    private void run() {
        List<Device> last = List.of();
        boolean snapshotDue = true;
        try {
            Signals.Wake wake = Signals.Wake.TIMEOUT;
            while (wake != Signals.Wake.CLOSED) {
                if (wake == Signals.Wake.HOTPLUG) {
                    Signals.Wake settling = signals.await(System.nanoTime() + SETTLE.toNanos()); // let the burst in
                    if (settling == Signals.Wake.CLOSED) {
                        break;
                    }
                    snapshotDue |= settling == Signals.Wake.SNAPSHOT;
                }
                snapshotDue |= wake == Signals.Wake.SNAPSHOT;
                Optional<List<Device>> now = read();
                if (now.isPresent()) {
                    if (snapshotDue) {
                        outlet.publish(Source.UDEV, new HostSnapshot(now.get()));
                        snapshotDue = false;
                    } else {
                        publishChanges(last, now.get(), wake);
                    }
                    last = now.get();
                }
                completedScans.incrementAndGet();
                wake = signals.await(System.nanoTime() + settings.rescanInterval().toNanos());
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException | Error e) {
            LOG.error("The sysfs source failed; it publishes nothing more", e);
        }
    }

    private void publishChanges(List<Device> before, List<Device> after, Signals.Wake wake) {
        DeviceChanges changes = DeviceChanges.between(before, after);
        changes.payloads().forEach(payload -> outlet.publish(Source.UDEV, payload));
        if (!changes.isEmpty() && wake == Signals.Wake.TIMEOUT && monitorActive
                && monitorMissedReported.compareAndSet(false, true)) {
            LOG.warn("The udev monitor reported nothing for changes a periodic rescan of {} found ({}, {}):"
                    + " hot-plug events may not arrive; rescanning every {} s", settings.root(),
                    changes.upserted().size() + " upserted", changes.removed().size() + " removed",
                    settings.rescanInterval().toSeconds());
        }
    }

    /** The devices now; empty (logged once per episode) when sysfs cannot be read right now. */
    private Optional<List<Device>> read() {
        try {
            List<Device> devices = SysfsTree.read(settings.root());
            reading.recovered();
            return Optional.of(devices);
        } catch (InvalidInputException e) {
            reading.failed(e, "trying again at the next rescan");
            return Optional.empty();
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the worker woke up; thread-safe. */
    private static final class Signals {

        enum Wake { TIMEOUT, HOTPLUG, SNAPSHOT, CLOSED }

        private boolean hotplug; // guarded by this
        private boolean snapshot; // guarded by this
        private boolean closed; // guarded by this

        synchronized void hotplug() {
            hotplug = true;
            notifyAll();
        }

        synchronized void snapshot() {
            snapshot = true;
            notifyAll();
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized boolean isClosed() {
            return closed;
        }

        /** Waits until a signal or {@code deadlineNanos}; takes the signal (closing wins, then snapshot). */
        synchronized Wake await(long deadlineNanos) throws InterruptedException {
            long left;
            while (!closed && !snapshot && !hotplug && (left = deadlineNanos - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
            if (closed) {
                return Wake.CLOSED;
            }
            if (snapshot) {
                snapshot = false;
                hotplug = false;
                return Wake.SNAPSHOT;
            }
            if (hotplug) {
                hotplug = false;
                return Wake.HOTPLUG;
            }
            return Wake.TIMEOUT;
        }
    }
}
