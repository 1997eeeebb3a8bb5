package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.xml.NodeDeviceXml;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's node devices as libvirt sees them ({@link Source#LIBVIRT}).
 *
 * <p>On connecting it lists every device, fetches each one's XML and publishes a
 * {@link HostSnapshot}. Then every node device event (created, deleted, defined, undefined,
 * updated) names a device whose XML it fetches: an {@link DeviceUpserted upsert} if the device
 * exists, a {@link DeviceRemoved removal} if it does not (also when it vanished between the event
 * and the fetch).
 *
 * <p>When the connection is lost (libvirt's close callback, a keepalive timeout, or any failing
 * call), it reconnects with capped exponential backoff and publishes a fresh snapshot; a snapshot
 * replaces everything before it, so repeating one never duplicates a device
 * (docs/design.md, "Idempotent apply"). Keepalive is switched on where the driver has it.
 * Failures are logged once per episode.
 *
 * <p><b>Threads.</b> libvirt callbacks only put device names into an inbox; one worker thread
 * ({@value #THREAD_NAME}) does all libvirt calls, snapshots and publishing, so an event is always
 * published after the snapshot that preceded it.
 */
final class LibvirtSource implements DeviceSource {

    static final String THREAD_NAME = "nodedex-libvirt-source";

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtSource.class);
    private static final String RETRYING = "reconnecting with backoff, then publishing a fresh snapshot";

    private final LibvirtSourceSettings settings;
    private final SourceInbox inbox = new SourceInbox();
    private final FailureEpisode connecting;
    private final AtomicBoolean started = new AtomicBoolean();
    private Thread worker;
    private Outlet outlet; // set once by start(), then only used by the worker
    private LibvirtConnection connection; // worker thread only
    private int failures; // worker thread only: consecutive failures since the last successful work

    public LibvirtSource(LibvirtSourceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connecting = new FailureEpisode(LOG, "Reading node devices from libvirt at " + settings.uri());
    }

    @Override
    public Source source() {
        return Source.LIBVIRT;
    }

    @Override
    public void start(Outlet outlet) {
        Objects.requireNonNull(outlet, "outlet");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the libvirt source was already started");
        }
        try {
            LibvirtEventLoop.ensureStarted();
        } catch (LinkageError e) {
            throw new IllegalStateException("libvirt cannot be loaded (is package libvirt0 installed?): " + e, e);
        }
        this.outlet = outlet;
        worker = new Thread(this::run, THREAD_NAME);
        worker.start();
    }

    @Override
    public void requestSnapshot() {
        inbox.requestSnapshot();
    }

    @Override
    public void close() {
        inbox.close();
        if (worker != null) {
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!inbox.isClosed()) {
                if (connection == null) {
                    if (failures > 0 && !inbox.pause(settings.reconnect().delay(Math.min(failures, 60)).toMillis())) {
                        break;
                    }
                    if (!connect()) {
                        failures++;
                        continue;
                    }
                }
                SourceInbox.Work work = inbox.take();
                if (work.closed()) {
                    break;
                }
                if (work.connectionLost().isPresent()) {
                    disconnect(new IllegalStateException("libvirt closed the connection (" + work.connectionLost().get()
                            + ")"));
                    continue;
                }
                try {
                    if (work.snapshot()) {
                        publishSnapshot();
                    } else {
                        work.changedDevices().forEach(this::publishDevice);
                    }
                    failures = 0;
                    connecting.recovered();
                } catch (LibvirtException | IllegalStateException e) {
                    disconnect(e);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException | Error e) {
            LOG.error("The libvirt source failed; it publishes nothing more", e);
        } finally {
            closeConnection();
        }
    }

    /** Opens a connection and subscribes; whether that worked. */
    private boolean connect() {
        LibvirtConnection opened = null;
        try {
            opened = LibvirtConnection.openReadOnly(settings.uri()); // it only reads
            long generation = inbox.connected();
            opened.onClose(reason -> inbox.connectionLost(generation, reason));
            opened.subscribeNodeDeviceEvents(event -> inbox.deviceChanged(event.deviceName()));
            if (!opened.setKeepAlive(settings.keepAliveIntervalSeconds(), settings.keepAliveCount())) {
                LOG.debug("No keepalive on {}: the driver has none", settings.uri());
            }
            connection = opened;
            return true;
        } catch (LibvirtException e) {
            if (opened != null) {
                opened.close();
            }
            connecting.failed(e, RETRYING);
            return false;
        }
    }

    /**
     * Drops a connection that failed or that libvirt closed; the loop reconnects after a pause
     * that grows while failures repeat (a call that always fails must not hammer the daemon).
     */
    private void disconnect(RuntimeException cause) {
        closeConnection();
        failures++;
        connecting.failed(cause, RETRYING);
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private void publishSnapshot() {
        List<Device> devices = new ArrayList<>();
        for (String name : connection.listNodeDeviceNames()) {
            try {
                fetch(name).ifPresent(devices::add); // gone since the listing: not part of the host now
            } catch (InvalidInputException e) {
                LOG.error("Leaving node device '{}' out of the snapshot: {}", name, e.getMessage());
            }
        }
        devices.sort(Comparator.comparing(Device::name, NaturalOrder.NAMES));
        outlet.publish(Source.LIBVIRT, new HostSnapshot(devices));
    }

    private void publishDevice(String name) {
        try {
            fetch(name).ifPresentOrElse(
                    device -> outlet.publish(Source.LIBVIRT, new DeviceUpserted(device)),
                    () -> outlet.publish(Source.LIBVIRT, new DeviceRemoved(name)));
        } catch (InvalidInputException e) {
            LOG.error("Not publishing node device '{}': {}", name, e.getMessage());
        }
    }

    /**
     * The device as libvirt describes it now; empty when there is no such device.
     *
     * @throws InvalidInputException when libvirt's XML cannot be parsed (naming the device)
     */
    private Optional<Device> fetch(String name) {
        String xml;
        try {
            xml = connection.nodeDeviceXml(name);
        } catch (LibvirtException e) {
            if (e.hasCode(LibvirtErrorCode.NO_NODE_DEVICE)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(NodeDeviceXml.parse(xml, "libvirt node device " + name + " on " + settings.uri()));
    }
}
