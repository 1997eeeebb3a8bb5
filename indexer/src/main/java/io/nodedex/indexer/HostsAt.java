package io.nodedex.indexer;

import io.nodedex.device.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The building block of every answer as of a past time (docs/design.md, "History is state"): a
 * host's devices as they were then, from one prefix scan of the host's
 * {@link Table#DEVICE_HISTORY} rows keeping, per device, the newest version at or before the time
 * (a device's versions are together and in time order); and the walk over
 * {@link Table#HISTORY_HOSTS} that visits every host that ever had a version, in id order.
 * Stateless but for its host-key function and time; any thread.
 */
final class HostsAt {

    private static final int VERSION_SUFFIX = 2 * Keys.LONG;

    private final HostKeys hostKeys;
    private final long micros;

    HostsAt(HostKeys hostKeys, long micros) {
        this.hostKeys = hostKeys;
        this.micros = micros;
    }

    /**
     * One host as it was at the time.
     *
     * @param devices its devices then, in natural name order; never empty
     * @param lastVersionMicros the time of its newest version at or before the time
     */
    record HostThen(String hostId, long hostKey, List<Device> devices, long lastVersionMicros) {
    }

    /** The host as it was at the time; empty when none of its devices existed then. */
    Optional<HostThen> host(Store.ReadView view, String hostId) {
        long hostKey = hostKeys.keyOf(hostId);
        List<Device> devices = new ArrayList<>();
        byte[][] device = {null};
        byte[][] chosen = {null};
        long[] last = {Long.MIN_VALUE};
        view.scan(Table.DEVICE_HISTORY, Keys.host(hostKey), (key, value) -> {
            if (device[0] == null || !Arrays.equals(key, 0, key.length - VERSION_SUFFIX, device[0], 0,
                    device[0].length)) {
                addDevice(devices, chosen[0]);
                device[0] = Arrays.copyOf(key, key.length - VERSION_SUFFIX);
                chosen[0] = null;
            }
            long at = Keys.versionMicros(key);
            if (at <= micros) {
                chosen[0] = value;
                last[0] = Math.max(last[0], at);
            }
        });
        addDevice(devices, chosen[0]);
        return devices.isEmpty() ? Optional.empty() : Optional.of(new HostThen(hostId, hostKey, devices, last[0]));
    }

    /**
     * Visits, in id order, each host that was there at the time, from the first host id at or
     * after {@code from} (a {@link Keys#hostId} key or the beginning of one), while
     * {@code visitor} asks for more.
     */
    void walk(Store.ReadView view, byte[] from, Predicate<HostThen> visitor) {
        view.scan(Table.HISTORY_HOSTS, new byte[0], from, (key, value) -> {
            Optional<HostThen> host = host(view, Keys.hostIdOf(key));
            return host.isEmpty() || visitor.test(host.get());
        });
    }

    /** The host-id part of a page position whose keys begin with {@code host 0}: where a walk starts. */
    static byte[] hostPart(byte[] position, int offset) {
        int end = offset;
        while (end < position.length && position[end] != SortKeys.END) {
            end++;
        }
        return Arrays.copyOfRange(position, offset, end);
    }

    private static void addDevice(List<Device> devices, byte[] value) {
        if (value != null) {
            DeviceHistory.deviceOf(value).ifPresent(devices::add);
        }
    }
}
