package io.nodedex.indexer;

import io.nodedex.device.Device;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a device in its history (docs/design.md, "History is state"). Immutable.
 *
 * @param from when it began: the agent's observation time of the event that made it
 * @param to when the next version began; empty for the current version
 * @param device the merged device of this version; empty when the device went then
 */
public record DeviceVersion(Instant from, Optional<Instant> to, Optional<Device> device) {

    public DeviceVersion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(device, "device");
    }
}
