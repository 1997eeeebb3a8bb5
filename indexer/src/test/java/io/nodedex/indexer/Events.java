package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Instant;
import java.util.List;

/**
 * Writes the events one agent source would publish: numbered 0, 1, 2, ... within an
 * incarnation, a new incarnation after {@link #restart()}. Clock: one second per event.
 */
final class Events {

    private final String hostId;
    private final Source source;
    private long incarnation;
    private long sequence;
    private long clock;

    Events(String hostId, Source source, long incarnation) {
        this.hostId = hostId;
        this.source = source;
        this.incarnation = incarnation;
        this.clock = 1_700_000_000L;
    }

    static Events of(String hostId, Source source) {
        return new Events(hostId, source, 1);
    }

    Event snapshot(Device... devices) {
        return next(new HostSnapshot(List.of(devices)));
    }

    Event upsert(Device device) {
        return next(new DeviceUpserted(device));
    }

    Event remove(String name) {
        return next(new DeviceRemoved(name));
    }

    Event heartbeat() {
        return next(new Heartbeat());
    }

    /** The agent restarts: a new incarnation, numbered from 0 again. */
    Events restart() {
        incarnation++;
        sequence = 0;
        return this;
    }

    /** Skips {@code count} sequence numbers, as if events were lost. */
    Events lose(int count) {
        sequence += count;
        return this;
    }

    Event next(Payload payload) {
        return new Event(new EventHeader(hostId, incarnation, sequence++, source, Instant.ofEpochSecond(clock++)),
                payload);
    }
}
