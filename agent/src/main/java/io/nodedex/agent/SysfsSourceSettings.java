package io.nodedex.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SysfsSource} reads HBAs.
 *
 * @param root the sysfs root, {@code /sys} on a real host
 * @param rescanInterval how often sysfs is read again, with or without a udev monitor
 * @param hotplug whether to try a udev monitor for prompt rescans; only meaningful for
 *     {@code /sys} (libudev always describes {@code /sys})
 */
public record SysfsSourceSettings(Path root, Duration rescanInterval, boolean hotplug) {

    public SysfsSourceSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rescanInterval, "rescanInterval");
        if (rescanInterval.isNegative() || rescanInterval.isZero()) {
            throw new IllegalArgumentException("the rescan interval must be positive, got " + rescanInterval);
        }
    }

    /** {@code root}, rescanned every {@code rescanInterval}, with hot-plug when {@code root} is {@code /sys}. */
    public static SysfsSourceSettings of(Path root, Duration rescanInterval) {
        return new SysfsSourceSettings(root, rescanInterval, root.toAbsolutePath().normalize().equals(Path.of("/sys")));
    }
}
