package io.nodedex.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One agent source's events, numbered as the agent numbers them. */
class EventsTest {

    @Test
    void eventsAreNumberedFromZeroAndObservedASecondApart() {
        Events events = Events.of("h1", Source.UDEV);

        Event first = events.heartbeat();
        Event second = events.remove("scsi_host3");

        assertThat(first).isEqualTo(new Event(new EventHeader("h1", 1, 0, Source.UDEV,
                Instant.parse("2023-11-14T22:13:20Z")), new Heartbeat()));
        assertThat(second).isEqualTo(new Event(new EventHeader("h1", 1, 1, Source.UDEV,
                Instant.parse("2023-11-14T22:13:21Z")), new DeviceRemoved("scsi_host3")));
    }

    @Test
    void aRestartIsANewIncarnationNumberedFromZeroAndLostEventsLeaveAGap() {
        Events events = Events.of("h1", Source.LIBVIRT);
        events.heartbeat();

        assertThat(events.restart().heartbeat().header()).extracting(EventHeader::incarnation, EventHeader::sequence)
                .containsExactly(2L, 0L);
        assertThat(events.lose(3).heartbeat().header().sequence()).isEqualTo(4);
    }

    @Test
    void aFixedObservationTimeHoldsForEveryLaterEvent() {
        Instant at = Instant.parse("2026-11-21T12:00:00Z");
        Events events = Events.of("h1", Source.UDEV).observedAt(at);

        assertThat(events.snapshot(Devices.computer()).header().observedAt()).isEqualTo(at);
        assertThat(events.heartbeat().header().observedAt()).isEqualTo(at);
    }
}
