package io.nodedex.testkit;

import io.nodedex.device.Device;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The events one agent source publishes, numbered as the agent numbers them: sequence 0, 1, 2,
 * ... within an incarnation, from 0 again after {@link #restart()}. Observation times start at
 * {@link #FIRST_OBSERVATION} and advance one second per event, unless {@link #observedAt} fixes
 * them.
 *
 * <p>Not thread-safe: a builder for one thread; the events it returns are immutable.
 */
public final class Events {

    /** When the first event of a stream is observed, unless {@link #observedAt} says otherwise. */
    public static final Instant FIRST_OBSERVATION = Instant.ofEpochSecond(1_700_000_000L);

    private final String hostId;
    private final Source source;
    private long incarnation;
    private long sequence;
    private Instant clock = FIRST_OBSERVATION;
    private Duration tick = Duration.ofSeconds(1);

    /** The stream of {@code hostId}'s {@code source} from {@code incarnation} on. */
    public Events(String hostId, Source source, long incarnation) {
        this.hostId = hostId;
        this.source = source;
        this.incarnation = incarnation;
    }

    /** The stream of {@code hostId}'s {@code source} from incarnation 1. */
    public static Events of(String hostId, Source source) {
        return new Events(hostId, source, 1);
    }

    /** Every later event is observed at {@code instant}. */
    public Events observedAt(Instant instant) {
        clock = instant;
        tick = Duration.ZERO;
        return this;
    }

    /** The next event: a snapshot of these devices. */
    public Event snapshot(Device... devices) {
        return snapshot(List.of(devices));
    }

    /** The next event: a snapshot of these devices. */
    public Event snapshot(List<Device> devices) {
        return next(new HostSnapshot(devices));
    }

    /** The next event: {@code device} added or changed. */
    public Event upsert(Device device) {
        return next(new DeviceUpserted(device));
    }

    /** The next event: the device {@code name} removed. */
    public Event remove(String name) {
        return next(new DeviceRemoved(name));
    }

    /** The next event: a heartbeat. */
    public Event heartbeat() {
        return next(new Heartbeat());
    }

    /** The agent restarts: a new incarnation, numbered from 0 again. */
    public Events restart() {
        incarnation++;
        sequence = 0;
        return this;
    }

    /** Skips {@code count} sequence numbers, as if events were lost. */
    public Events lose(int count) {
        sequence += count;
        return this;
    }

    /** The next event, carrying {@code payload}. */
    public Event next(Payload payload) {
        Event event = new Event(new EventHeader(hostId, incarnation, sequence++, source, clock), payload);
        clock = clock.plus(tick);
        return event;
    }
}
