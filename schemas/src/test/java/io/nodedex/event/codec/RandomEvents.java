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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random events from a seed: every payload, every capability, every optional field absent or
 * present, 64-bit edge values and text from all Unicode planes. The same seed gives the same event.
 */
final class RandomEvents {

    private static final long[] EDGE_LONGS = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L};

    private final Random random;

    RandomEvents(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    Event event() {
        return new Event(header(), payload());
    }

    EventHeader header() {
        Instant observedAt = Instant.EPOCH.plus(random.nextLong(), ChronoUnit.MICROS).plusNanos(random.nextInt(1000));
        return new EventHeader(nonBlank(), nonNegativeLong(), nonNegativeLong(),
                random.nextBoolean() ? Source.LIBVIRT : Source.UDEV, observedAt);
    }

    Payload payload() {
        switch (random.nextInt(4)) {
            case 0:
                return new DeviceUpserted(device());
            case 1:
                return new DeviceRemoved(nonBlank());
            case 2:
                List<Device> devices = new ArrayList<>();
                Set<String> names = new HashSet<>();
                for (int i = random.nextInt(7); i > 0; i--) {
                    Device device = device();
                    if (names.add(device.name())) {
                        devices.add(device);
                    }
                }
                return new HostSnapshot(devices);
            default:
                return new Heartbeat();
        }
    }

    Device device() {
        List<Capability> capabilities = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            capabilities.add(capability());
        }
        return new Device(nonBlank(), optional(this::text), optional(this::text), optional(this::text),
                attributes(), capabilities);
    }

    Capability capability() {
        switch (random.nextInt(5)) {
            case 0:
                return new ScsiHost(random.nextInt(Integer.MAX_VALUE),
                        random.nextBoolean() ? OptionalInt.of(random.nextInt()) : OptionalInt.empty());
            case 1:
                return new FcHost(wwn(), wwn(), optional(this::wwn), optional(this::text), optional(this::text));
            case 2:
                return new VportOps(random.nextInt(Integer.MAX_VALUE), random.nextInt(Integer.MAX_VALUE));
            case 3:
                return new FcRemotePort(text(), wwn());
            default:
                return new GenericCapability(nonBlank(), attributes());
        }
    }

    List<Attribute> attributes() {
        List<Attribute> attributes = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            attributes.add(new Attribute(text(), text()));
        }
        return attributes;
    }

    /** Any 64-bit value, with the edges (0, ffffffffffffffff, 8000000000000000) often. */
    Wwn wwn() {
        return new Wwn(random.nextInt(4) == 0 ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : random.nextLong());
    }

    /** Any Unicode text: ASCII mostly, all planes sometimes, never a lone surrogate. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            int codePoint;
            if (random.nextBoolean()) {
                codePoint = 0x20 + random.nextInt(0x7f - 0x20);
            } else {
                do {
                    codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
                } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    String nonBlank() {
        String text;
        do {
            text = text();
        } while (text.isBlank());
        return text;
    }

    private long nonNegativeLong() {
        return random.nextInt(4) == 0 ? 0L : random.nextLong() & Long.MAX_VALUE;
    }

    private <T> Optional<T> optional(Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }
}
