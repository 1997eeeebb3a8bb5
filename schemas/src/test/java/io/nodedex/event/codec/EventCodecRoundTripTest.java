package io.nodedex.event.codec;

import static io.nodedex.event.codec.SampleEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecRoundTripTest {

    private final EventCodec codec = new EventCodec();

    private Event roundTrip(Event event) {
        return codec.decode(codec.encode(event));
    }

    static Stream<Event> everyPayload() {
        return SampleEvents.everyPayload().stream();
    }

    @ParameterizedTest
    @MethodSource("everyPayload")
    void everyPayloadTypeSurvivesARoundTrip(Event event) {
        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void theSamplesCoverEveryPayloadAndCapabilityTypeOfTheModel() {
        List<Class<?>> payloadTypes = SampleEvents.everyPayload().stream()
                .<Class<?>>map(e -> e.payload().getClass()).distinct().toList();
        assertThat(payloadTypes).containsExactlyInAnyOrder(io.nodedex.event.Payload.class.getPermittedSubclasses());

        List<Class<?>> capabilityTypes = SampleEvents.everyCapability().capabilities().stream()
                .<Class<?>>map(Object::getClass).toList();
        assertThat(capabilityTypes).containsExactlyInAnyOrder(Capability.class.getPermittedSubclasses());
    }

    @Test
    void everyCapabilityTypeKeepsEveryFieldAndTheListOrder() {
        Device device = SampleEvents.everyCapability();

        Device decoded = ((DeviceUpserted) roundTrip(event(new DeviceUpserted(device))).payload()).device();

        assertThat(decoded.capabilities()).containsExactlyElementsOf(device.capabilities());
        assertThat(decoded).isEqualTo(device);
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        Device bare = new Device("net_lo_00_00_00_00_00_00", Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), List.of(new ScsiHost(0, OptionalInt.empty()),
                        new FcHost(new Wwn(1), new Wwn(2), Optional.empty(), Optional.empty(), Optional.empty())));

        Device decoded = ((DeviceUpserted) roundTrip(event(new DeviceUpserted(bare))).payload()).device();

        assertThat(decoded).isEqualTo(bare);
        assertThat(decoded.parent()).isEmpty();
        assertThat(decoded.fcHost().orElseThrow().fabricWwn()).isEmpty();
        assertThat(decoded.fcHost().orElseThrow().portState()).isEmpty();
        assertThat(decoded.capability(ScsiHost.class).orElseThrow().uniqueId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, -1L /* ffffffffffffffff */, Long.MIN_VALUE /* 8000000000000000 */,
        Long.MAX_VALUE, 0x2000_0000_1234_1234L, 0xc050_7601_0a8b_0000L})
    void wwnsKeepAll64Bits(long bits) {
        Wwn wwn = new Wwn(bits);
        Device device = new Device("scsi_host1", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(new FcHost(wwn, wwn, Optional.of(wwn), Optional.empty(), Optional.empty()),
                        new FcRemotePort("rport-1:0-0", wwn)));

        Device decoded = ((DeviceUpserted) roundTrip(event(new DeviceUpserted(device))).payload()).device();

        FcHost fc = decoded.fcHost().orElseThrow();
        assertThat(List.of(fc.wwnn(), fc.wwpn(), fc.fabricWwn().orElseThrow(),
                decoded.capability(FcRemotePort.class).orElseThrow().wwpn())).containsOnly(wwn);
        assertThat(fc.wwpn().toString()).isEqualTo(wwn.toString());
    }

    @Test
    void unicodeStringsSurviveIntact() {
        String text = "Ström-Ünïcødé 主机 \uD83D\uDE80 \u0000 tab\tend";
        Device device = new Device("dev_" + text, Optional.of(text), Optional.of("/sys/" + text), Optional.of(text),
                List.of(new Attribute(text, text), new Attribute("", "")),
                List.of(new GenericCapability(text, List.of(new Attribute("k", text))),
                        new FcRemotePort(text, new Wwn(7))));
        Event event = new Event(new EventHeader("主机-" + text.replace("\u0000", ""), 0, 0, Source.LIBVIRT,
                Instant.EPOCH),
                new DeviceUpserted(device));

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void emptyListsStayEmpty() {
        Device empty = new Device("computer", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(new GenericCapability("system", List.of())));

        assertThat(roundTrip(event(new HostSnapshot(List.of())))).isEqualTo(event(new HostSnapshot(List.of())));
        assertThat(roundTrip(event(new DeviceUpserted(empty)))).isEqualTo(event(new DeviceUpserted(empty)));
    }

    @Test
    void headerKeepsEveryFieldIncludingExtremes() {
        for (Source source : Source.values()) {
            Event event = new Event(new EventHeader("h", Long.MAX_VALUE, Long.MAX_VALUE, source,
                    Instant.parse("1969-07-20T20:17:40.000001Z")), new Heartbeat());
            assertThat(roundTrip(event)).isEqualTo(event);
        }
    }

    @Test
    void observedAtIsCarriedToTheMicrosecond() {
        Instant withNanos = Instant.parse("2025-03-14T09:26:53.589793238Z");
        Event event = new Event(new EventHeader("h", 1, 2, Source.UDEV, withNanos), new DeviceRemoved("x"));

        Event decoded = roundTrip(event);

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.header().observedAt()).isEqualTo(Instant.parse("2025-03-14T09:26:53.589793Z"));
    }

    @Test
    void observedAtAtTheEdgesOfItsRangeSurvives() {
        for (Instant edge : List.of(Instant.EPOCH.plus(Long.MIN_VALUE, java.time.temporal.ChronoUnit.MICROS),
                Instant.EPOCH.plus(Long.MAX_VALUE, java.time.temporal.ChronoUnit.MICROS),
                Instant.parse("1900-01-01T00:00:00.999999Z"))) {
            Event event = new Event(new EventHeader("h", 1, 2, Source.UDEV, edge), new Heartbeat());
            assertThat(roundTrip(event)).isEqualTo(event);
        }
    }

    @Test
    void aTypicalHostSnapshotSurvivesARoundTrip() {
        Event snapshot = event(SampleEvents.typicalHost());

        byte[] encoded = codec.encode(snapshot);

        assertThat(codec.decode(encoded)).isEqualTo(snapshot);
        assertThat(((HostSnapshot) snapshot.payload()).devices()).hasSize(100);
    }

    @Test
    void encodingIsDeterministic() {
        Event snapshot = event(SampleEvents.typicalHost());

        assertThat(codec.encode(snapshot)).isEqualTo(codec.encode(snapshot))
                .isEqualTo(new EventCodec().encode(snapshot));
    }

    @Test
    void everyMessageStartsWithTheSingleObjectHeaderNamingTheCurrentSchema() {
        byte[] encoded = codec.encode(event(new Heartbeat()));

        assertThat(Arrays.copyOf(encoded, 2)).containsExactly(0xC3, 0x01);
        assertThat(java.util.HexFormat.of().formatHex(encoded, 2, 10)).isEqualTo(codec.schemaFingerprint());
        assertThat(codec.schemaFingerprint()).matches("[0-9a-f]{16}");
    }
}
