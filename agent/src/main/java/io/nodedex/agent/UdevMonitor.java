package io.nodedex.agent;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A libudev monitor of the {@code udev} netlink group (events after udevd processed them),
 * filtered to the given subsystems. It only says that something happened; readers rescan sysfs.
 *
 * <p>It needs a running udev daemon: without one ({@value #CONTROL_SOCKET} missing) nothing
 * would ever arrive, so {@link #open} refuses. libudev always looks at {@code /sys}.
 *
 * <p><b>Threads.</b> Not thread-safe: one thread calls {@link #next} and, when done,
 * {@link #close()}.
 */
final class UdevMonitor implements AutoCloseable {

    /** The socket a running udev daemon listens on. */
    public static final String CONTROL_SOCKET = "/run/udev/control";

    /** The subsystems whose events change what the sysfs source reads. */
    public static final List<String> HBA_SUBSYSTEMS = List.of("fc_host", "scsi_host", "fc_vports");

    private final LibUdev udev;
    private final LibUdev.LibC libc;
    private final Pointer context;
    private final Pointer monitor;
    private final int fd;
    private boolean closed;

    private UdevMonitor(LibUdev udev, LibUdev.LibC libc, Pointer context, Pointer monitor, int fd) {
        this.udev = udev;
        this.libc = libc;
        this.context = context;
        this.monitor = monitor;
        this.fd = fd;
    }

    /**
     * Opens a monitor for {@code subsystems} if a udev daemon runs here.
     *
     * @throws UdevUnavailableException naming the reason when there is no udev daemon, no
     *     libudev, or libudev refuses
     */
    public static UdevMonitor open(List<String> subsystems) {
        return open(subsystems, Path.of(CONTROL_SOCKET));
    }

    static UdevMonitor open(List<String> subsystems, Path controlSocket) {
        Objects.requireNonNull(subsystems, "subsystems");
        if (!Files.exists(controlSocket)) {
            throw new UdevUnavailableException("no udev daemon runs here (" + controlSocket + " does not exist)");
        }
        LibUdev udev;
        LibUdev.LibC libc;
        try {
            udev = LibUdev.load();
            libc = LibUdev.LibC.load();
        } catch (UnsatisfiedLinkError e) {
            throw new UdevUnavailableException("cannot load libudev.so.1 (package libudev1): " + e.getMessage(), e);
        }
        Pointer context = udev.udev_new();
        if (context == null) {
            throw new UdevUnavailableException("udev_new failed: " + errno());
        }
        Pointer monitor = udev.udev_monitor_new_from_netlink(context, "udev");
        if (monitor == null) {
            udev.udev_unref(context);
            throw new UdevUnavailableException("udev_monitor_new_from_netlink(\"udev\") failed: " + errno());
        }
        UdevMonitor opened = new UdevMonitor(udev, libc, context, monitor, -1);
        try {
            for (String subsystem : subsystems) {
                check(udev.udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, null),
                        "udev_monitor_filter_add_match_subsystem_devtype(" + subsystem + ")");
            }
            check(udev.udev_monitor_enable_receiving(monitor), "udev_monitor_enable_receiving");
            int fd = udev.udev_monitor_get_fd(monitor);
            check(fd, "udev_monitor_get_fd");
            return new UdevMonitor(udev, libc, context, monitor, fd);
        } catch (UdevUnavailableException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for the next event.
     *
     * @return the event, or empty when none arrived in time
     * @throws UdevUnavailableException when waiting fails
     */
    public Optional<UdevEvent> next(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the udev monitor is closed");
        }
        LibUdev.LibC.PollFd poll = new LibUdev.LibC.PollFd();
        poll.fd = fd;
        poll.events = LibUdev.LibC.POLLIN;
        int ready = libc.poll(poll, 1, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (ready < 0) {
            int errno = Native.getLastError();
            if (errno == 4) { // EINTR
                return Optional.empty();
            }
            throw new UdevUnavailableException("poll on the udev monitor failed: errno " + errno);
        }
        if (ready == 0) {
            return Optional.empty();
        }
        Pointer device = udev.udev_monitor_receive_device(monitor);
        if (device == null) {
            return Optional.empty(); // a message udev filtered out, or a spurious wake-up
        }
        try {
            return Optional.of(new UdevEvent(orEmpty(udev.udev_device_get_action(device)),
                    orEmpty(udev.udev_device_get_subsystem(device)), orEmpty(udev.udev_device_get_sysname(device))));
        } finally {
            udev.udev_device_unref(device);
        }
    }

    /** Releases the monitor; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        udev.udev_monitor_unref(monitor);
        udev.udev_unref(context);
    }

    private static void check(int result, String call) {
        if (result < 0) {
            throw new UdevUnavailableException(call + " failed: " + (result == -1 ? errno() : "error " + -result));
        }
    }

    private static String errno() {
        return "errno " + Native.getLastError();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
