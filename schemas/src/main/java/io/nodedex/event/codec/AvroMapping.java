package io.nodedex.event.codec;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.HostRetired;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.signing.PublicSigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.avro.util.Utf8;

/**
 * The one place where the event model meets the generated Avro records ({@code io.nodedex.avro},
 * written here fully qualified because every name exists on both sides). Total in both
 * directions: every payload, every capability, every field. An absent {@code Optional} is an Avro
 * null; a WWN is its 64-bit number as a (signed) Avro long.
 *
 * <p>Reading goes through the model's constructors, so Avro values the model rejects raise the
 * model's {@link InvalidInputException}, and so do strings whose bytes are not UTF-8 (Avro itself
 * would silently replace them with U+FFFD). Stateless and thread-safe.
 */
final class AvroMapping {

    private AvroMapping() {
    }

    static io.nodedex.avro.Event toAvro(Event event) {
        return new io.nodedex.avro.Event(toAvro(event.header()), toAvro(event.payload()));
    }

    /** @throws InvalidInputException when a value breaks a rule of the model */
    static Event fromAvro(io.nodedex.avro.Event event) {
        return new Event(fromAvro(event.getHeader()), payloadFromAvro(event.getPayload()));
    }

    private static io.nodedex.avro.EventHeader toAvro(EventHeader header) {
        return new io.nodedex.avro.EventHeader(header.hostId(), header.incarnation(), header.sequence(),
                toAvro(header.source()), header.observedAt());
    }

    static EventHeader fromAvro(io.nodedex.avro.EventHeader header) {
        return new EventHeader(text(header.getHostId()), header.getIncarnation(), header.getSequence(),
                fromAvro(header.getSource()), header.getObservedAt());
    }

    private static io.nodedex.avro.Source toAvro(Source source) {
        return switch (source) {
            case LIBVIRT -> io.nodedex.avro.Source.LIBVIRT;
            case UDEV -> io.nodedex.avro.Source.UDEV;
        };
    }

    private static Source fromAvro(io.nodedex.avro.Source source) {
        return switch (source) {
            case LIBVIRT -> Source.LIBVIRT;
            case UDEV -> Source.UDEV;
        };
    }

    private static Object toAvro(Payload payload) {
        if (payload instanceof DeviceUpserted upserted) {
            return new io.nodedex.avro.DeviceUpserted(toAvro(upserted.device()));
        }
        if (payload instanceof DeviceRemoved removed) {
            return new io.nodedex.avro.DeviceRemoved(removed.name());
        }
        if (payload instanceof HostSnapshot snapshot) {
            return new io.nodedex.avro.HostSnapshot(map(snapshot.devices(), AvroMapping::toAvro));
        }
        if (payload instanceof Heartbeat) {
            return new io.nodedex.avro.Heartbeat();
        }
        if (payload instanceof HostRetired) {
            return new io.nodedex.avro.HostRetired();
        }
        if (payload instanceof HostEnrolled enrolled) {
            return new io.nodedex.avro.HostEnrolled(enrolled.publicKey().base64());
        }
        if (payload instanceof HostReset) {
            return new io.nodedex.avro.HostReset();
        }
        return VhbaMapping.toAvro(payload);
    }

    static Payload payloadFromAvro(Object payload) {
        if (payload instanceof io.nodedex.avro.DeviceUpserted upserted) {
            return new DeviceUpserted(fromAvro(upserted.getDevice()));
        }
        if (payload instanceof io.nodedex.avro.DeviceRemoved removed) {
            return new DeviceRemoved(text(removed.getName()));
        }
        if (payload instanceof io.nodedex.avro.HostSnapshot snapshot) {
            return new HostSnapshot(map(snapshot.getDevices(), AvroMapping::fromAvro));
        }
        if (payload instanceof io.nodedex.avro.Heartbeat) {
            return new Heartbeat();
        }
        if (payload instanceof io.nodedex.avro.HostRetired) {
            return new HostRetired();
        }
        if (payload instanceof io.nodedex.avro.HostEnrolled enrolled) {
            return new HostEnrolled(PublicSigningKey.ofBase64(text(enrolled.getPublicKey())));
        }
        if (payload instanceof io.nodedex.avro.HostReset) {
            return new HostReset();
        }
        return VhbaMapping.fromAvro(payload);
    }

    static io.nodedex.avro.Device toAvro(Device device) {
        return new io.nodedex.avro.Device(device.name(), device.parent().orElse(null),
                device.sysfsPath().orElse(null), device.driver().orElse(null),
                map(device.attributes(), AvroMapping::toAvro), map(device.capabilities(), AvroMapping::toAvro));
    }

    /** @throws InvalidInputException when a value breaks a rule of the model */
    static Device fromAvro(io.nodedex.avro.Device device) {
        return new Device(text(device.getName()), device.getParent().map(AvroMapping::text),
                device.getSysfsPath().map(AvroMapping::text), device.getDriver().map(AvroMapping::text),
                map(device.getAttributes(), AvroMapping::fromAvro),
                map(device.getCapabilities(), AvroMapping::capabilityFromAvro));
    }

    private static io.nodedex.avro.Attribute toAvro(Attribute attribute) {
        return new io.nodedex.avro.Attribute(attribute.key(), attribute.value());
    }

    private static Attribute fromAvro(io.nodedex.avro.Attribute attribute) {
        return new Attribute(text(attribute.getKey()), text(attribute.getValue()));
    }

    private static Object toAvro(Capability capability) {
        if (capability instanceof ScsiHost scsi) {
            Integer uniqueId = scsi.uniqueId().isPresent() ? scsi.uniqueId().getAsInt() : null;
            return new io.nodedex.avro.ScsiHost(scsi.host(), uniqueId);
        }
        if (capability instanceof FcHost fc) {
            return new io.nodedex.avro.FcHost(fc.wwnn().value(), fc.wwpn().value(),
                    fc.fabricWwn().map(Wwn::value).orElse(null), fc.portState().orElse(null), fc.speed().orElse(null));
        }
        if (capability instanceof VportOps vportOps) {
            return new io.nodedex.avro.VportOps(vportOps.maxVports(), vportOps.vports());
        }
        if (capability instanceof FcRemotePort remotePort) {
            return new io.nodedex.avro.FcRemotePort(remotePort.rport(), remotePort.wwpn().value());
        }
        if (capability instanceof GenericCapability generic) {
            return new io.nodedex.avro.GenericCapability(generic.type(),
                    map(generic.attributes(), AvroMapping::toAvro));
        }
        throw unmapped(capability);
    }

    private static Capability capabilityFromAvro(Object capability) {
        if (capability instanceof io.nodedex.avro.ScsiHost scsi) {
            return new ScsiHost(scsi.getHost(), scsi.getUniqueId().map(OptionalInt::of).orElse(OptionalInt.empty()));
        }
        if (capability instanceof io.nodedex.avro.FcHost fc) {
            return new FcHost(new Wwn(fc.getWwnn()), new Wwn(fc.getWwpn()), fc.getFabricWwn().map(Wwn::new),
                    fc.getPortState().map(AvroMapping::text), fc.getSpeed().map(AvroMapping::text));
        }
        if (capability instanceof io.nodedex.avro.VportOps vportOps) {
            return new VportOps(vportOps.getMaxVports(), vportOps.getVports());
        }
        if (capability instanceof io.nodedex.avro.FcRemotePort remotePort) {
            return new FcRemotePort(text(remotePort.getRport()), new Wwn(remotePort.getWwpn()));
        }
        if (capability instanceof io.nodedex.avro.GenericCapability generic) {
            return new GenericCapability(text(generic.getType()),
                    map(generic.getAttributes(), AvroMapping::fromAvro));
        }
        throw unmapped(capability);
    }

    /**
     * A decoded Avro string as Java text. Java replaces every malformed UTF-8 sequence with
     * U+FFFD, so text without one is exact; text with one is checked strictly, as a U+FFFD may
     * also have been sent.
     */
    static String text(CharSequence avro) {
        String text = avro.toString();
        if (text.indexOf('\uFFFD') >= 0 && avro instanceof Utf8 utf8) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8.getBytes(), 0, utf8.getByteLength()));
            } catch (CharacterCodingException e) {
                throw new InvalidInputException(
                        "string is not valid UTF-8: '" + text + "' (malformed bytes shown as U+FFFD)", e);
            }
        }
        return text;
    }

    private static <A, B> List<B> map(List<? extends A> values, Function<? super A, ? extends B> mapping) {
        List<B> mapped = new ArrayList<>(values.size());
        for (A value : values) {
            mapped.add(mapping.apply(value));
        }
        return mapped;
    }

    /** A type this mapping was not taught: a programming error, never bad input. */
    static IllegalStateException unmapped(Object value) {
        return new IllegalStateException("no Avro mapping for " + value.getClass().getName());
    }
}
