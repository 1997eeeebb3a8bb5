package io.nodedex.audit;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.NaturalOrder;
import java.util.Comparator;
import java.util.Objects;

/**
 * A device by its identity (docs/design.md, "Identity by name"): the host id and the libvirt
 * device name. Immutable, so safe to share between threads.
 *
 * @param host the host id
 * @param name the device name, unique on its host
 */
public record DeviceRef(String host, String name) {

    /** By host id, then by {@link NaturalOrder#NAMES natural name order}. */
    static final Comparator<DeviceRef> ORDER = Comparator.comparing(DeviceRef::host)
            .thenComparing(DeviceRef::name, NaturalOrder.NAMES);

    public DeviceRef {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        if (host.isBlank() || name.isBlank()) {
            throw new InvalidInputException("a device reference needs a host and a name: '" + host + "/" + name + "'");
        }
    }

    /** {@code host/name}, as the audit's messages print it. */
    @Override
    public String toString() {
        return host + "/" + name;
    }
}
