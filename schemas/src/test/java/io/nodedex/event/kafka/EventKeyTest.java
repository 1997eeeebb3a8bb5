package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.Source;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventKeyTest {

    private static Event from(String hostId) {
        return new Event(new EventHeader(hostId, 1, 0, Source.LIBVIRT, Instant.EPOCH), new Heartbeat());
    }

    @Test
    void theKeyIsTheHostIdInUtf8() {
        assertThat(EventKey.of(from("hv042"))).containsExactly('h', 'v', '0', '4', '2');
        assertThat(EventKey.of(from("hôte"))).containsExactly(0x68, 0xc3, 0xb4, 0x74, 0x65);
    }

    @Test
    void aRecordKeyedByItsEventsHostIdMatches() {
        assertThat(EventKey.mismatch(Optional.of(new byte[] {0x68, (byte) 0xc3, (byte) 0xb4, 0x74, 0x65}),
                from("hôte"))).isEmpty();
    }

    @Test
    void anotherHostsKeyIsAMismatchNamingBoth() {
        assertThat(EventKey.mismatch(Optional.of(new byte[] {'h', 'v', '0', '4', '3'}), from("hv042")))
                .contains("record key 'hv043' differs from the event's host id 'hv042'");
    }

    @Test
    void aRecordWithoutAKeyIsAMismatch() {
        assertThat(EventKey.mismatch(Optional.empty(), from("hv042")))
                .contains("record key none differs from the event's host id 'hv042'");
    }

    @Test
    void theSameHostIdInAnotherEncodingIsAMismatch() {
        byte[] latin1 = {0x68, (byte) 0xf4, 0x74, 0x65};

        assertThat(EventKey.mismatch(Optional.of(latin1), from("hôte"))).isPresent();
    }
}
