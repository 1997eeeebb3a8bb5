package io.nodedex.agent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.Map;

/**
 * The part of libudev (libudev.so.1, package libudev1) that the hot-plug monitor uses, mapped
 * with JNA, plus {@code poll(2)} from the C library. Loaded on first use through {@link #load()}.
 */
interface LibUdev extends Library {

    Pointer udev_new();

    Pointer udev_unref(Pointer udev);

    Pointer udev_monitor_new_from_netlink(Pointer udev, String name);

    int udev_monitor_filter_add_match_subsystem_devtype(Pointer monitor, String subsystem, String devtype);

    int udev_monitor_enable_receiving(Pointer monitor);

    int udev_monitor_get_fd(Pointer monitor);

    Pointer udev_monitor_receive_device(Pointer monitor);

    Pointer udev_monitor_unref(Pointer monitor);

    String udev_device_get_action(Pointer device);

    String udev_device_get_sysname(Pointer device);

    String udev_device_get_subsystem(Pointer device);

    Pointer udev_device_unref(Pointer device);

    /** Loads libudev.so.1; throws {@link UnsatisfiedLinkError} when it is not installed. */
    static LibUdev load() {
        return Native.load("libudev.so.1", LibUdev.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    }

    /** {@code poll(2)} of the C library. */
    interface LibC extends Library {

        short POLLIN = 0x1;

        /** {@code struct pollfd}. */
        @Structure.FieldOrder({"fd", "events", "revents"})
        final class PollFd extends Structure {
            public int fd;
            public short events;
            public short revents;
        }

        int poll(PollFd fds, long nfds, int timeoutMillis);

        static LibC load() {
            return Native.load("c", LibC.class);
        }
    }
}
