package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.json.DeviceFields.FieldChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a device in its history (docs/design.md, "History is state"). Immutable.
 *
 * @param from when it began: the agent's observation time of the event that made it
 * @param to when the next version began; empty for the current version
 * @param device the merged device of this version; empty when the device went then
 * @param change what this version did to the device: it appeared, changed or went; empty for the
 *     oldest version kept once the retention pruned older ones (what came before is not known)
 * @param fields for a change, each field that differs from the version before
 *     ({@link io.nodedex.json.DeviceFields}); empty otherwise
 */
public record DeviceVersion(Instant from, Optional<Instant> to, Optional<Device> device,
        Optional<Change.Kind> change, List<FieldChange> fields) {

    public DeviceVersion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(change, "change");
        fields = List.copyOf(fields);
    }
}
