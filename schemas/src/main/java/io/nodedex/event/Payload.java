package io.nodedex.event;

import io.nodedex.device.Device;
import java.util.List;

/** What an event says happened. */
public sealed interface Payload permits DeviceUpserted, DeviceRemoved, HostSnapshot, Heartbeat, HostRetired,
        HostEnrolled, HostReset, VhbaRequested, VhbaDeleteRequested, VhbaOutcome, VhbaRequestExpired, VhbaCommand {

    /**
     * The devices this payload carries whole, in its order: the device of a {@link DeviceUpserted},
     * every device of a {@link HostSnapshot}, none for any other payload.
     */
    default List<Device> carriedDevices() {
        return List.of();
    }
}
