package io.nodedex.event.codec;

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
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary events: every payload, every capability, every optional field absent or present. */
final class EventArbitraries {

    private EventArbitraries() {
    }

    static Arbitrary<Event> events() {
        return Combinators.combine(headers(), payloads()).as(Event::new);
    }

    static Arbitrary<EventHeader> headers() {
        Arbitrary<Instant> observedAt = Combinators
                .combine(Arbitraries.longs(), Arbitraries.integers().between(0, 999))
                .as((micros, nanos) -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS).plusNanos(nanos));
        return Combinators.combine(nonBlank(), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(Source.class), observedAt).as(EventHeader::new);
    }

    static Arbitrary<Payload> payloads() {
        return Arbitraries.oneOf(
                devices().map(DeviceUpserted::new),
                nonBlank().map(DeviceRemoved::new),
                devices().list().ofMaxSize(6).uniqueElements(Device::name).map(HostSnapshot::new),
                Arbitraries.just(new Heartbeat()));
    }

    static Arbitrary<Device> devices() {
        return Combinators.combine(nonBlank(), text().optional(), text().optional(), text().optional(),
                attributes(), capabilities().list().ofMaxSize(6)).as(Device::new);
    }

    static Arbitrary<Capability> capabilities() {
        Arbitrary<OptionalInt> uniqueId = Arbitraries.integers().optional()
                .map(id -> id.map(OptionalInt::of).orElse(OptionalInt.empty()));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().greaterOrEqual(0), uniqueId).as(ScsiHost::new),
                Combinators.combine(wwns(), wwns(), wwns().optional(), text().optional(), text().optional())
                        .as(FcHost::new),
                Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0))
                        .as(VportOps::new),
                Combinators.combine(text(), wwns()).as(FcRemotePort::new),
                Combinators.combine(nonBlank(), attributes()).as(GenericCapability::new));
    }

    static Arbitrary<java.util.List<Attribute>> attributes() {
        return Combinators.combine(text(), text()).as(Attribute::new).list().ofMaxSize(5);
    }

    /** Every 64-bit value, the edges (0, -1 = ffffffffffffffff, 8000000000000000) included. */
    static Arbitrary<Wwn> wwns() {
        return Arbitraries.longs().edgeCases(edges -> edges.add(Long.MIN_VALUE, -1L, 0L)).map(Wwn::new);
    }

    /** Any Unicode text: all planes, no lone surrogates (which no UTF-8 text can hold). */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7e),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE));
        return codePoints.list().ofMaxSize(12)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    static Arbitrary<String> nonBlank() {
        return text().filter(s -> !s.isBlank());
    }
}
