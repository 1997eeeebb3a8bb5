package io.nodedex.event;

/** What an event says happened. */
public sealed interface Payload permits DeviceUpserted, DeviceRemoved, HostSnapshot, Heartbeat, HostRetired,
        HostEnrolled, HostReset, VhbaRequested, VhbaDeleteRequested, VhbaOutcome, VhbaRequestExpired, VhbaCommand {
}
