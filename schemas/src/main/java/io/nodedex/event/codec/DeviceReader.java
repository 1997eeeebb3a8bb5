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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.util.Utf8;

/**
 * Reads a {@code Device} record written with the current schema straight into the model, through
 * Avro's {@link BinaryDecoder}, field by field in schema order: what Avro's reader of the
 * generated {@code Device} followed by {@link AvroMapping#fromAvro(io.nodedex.avro.Device)} make,
 * without the generated records in between. It is the hot path of the indexer, which reads every
 * device of every event (docs/design.md, "How the indexer applies a poll"); a device of an older
 * schema is resolved by Avro and mapped as before.
 *
 * <p>The decoder checks every length and count against the bytes that remain; strings are checked
 * as {@link AvroMapping#text} checks them, and values go through the model's constructors, so a
 * value the model rejects raises its {@link InvalidInputException}.
 *
 * <p>Thread-safe: stateless; each call reads strings through a buffer of its own.
 */
final class DeviceReader {

    /**
     * The CRC-64-AVRO fingerprint of the {@code Device} record this reader follows, as messages
     * name it ({@link Fingerprints#hex}). A build whose schema changed the record fails at start
     * until this reader is changed with it.
     */
    static final String DEVICE_FINGERPRINT = "53ad4f6eb058eb6c";

    /** The branches of the capability union, in schema order. */
    private static final int SCSI_HOST = 0;
    private static final int FC_HOST = 1;
    private static final int VPORT_OPS = 2;
    private static final int FC_REMOTE_PORT = 3;
    private static final int GENERIC = 4;
    private static final int CAPABILITY_BRANCHES = 5;

    /**
     * @throws IllegalStateException when {@code schema} is not the {@code Device} record this
     *     reader follows
     */
    DeviceReader(Schema schema) {
        String fingerprint = Fingerprints.hex(Fingerprints.of(schema));
        if (!fingerprint.equals(DEVICE_FINGERPRINT)) {
            throw new IllegalStateException("the Device record's schema changed (fingerprint " + fingerprint
                    + ", this reader follows " + DEVICE_FINGERPRINT + "): change "
                    + DeviceReader.class.getSimpleName() + " with it");
        }
    }

    /**
     * Reads one device from where {@code in} stands.
     *
     * @throws IOException or an {@link AvroRuntimeException} when the bytes are not a device
     *     record, as Avro's readers throw them
     * @throws InvalidInputException when a value breaks a rule of the model
     */
    Device read(BinaryDecoder in) throws IOException {
        Utf8 buffer = new Utf8();
        String name = text(in, buffer);
        Optional<String> parent = optionalText(in, buffer);
        Optional<String> sysfsPath = optionalText(in, buffer);
        Optional<String> driver = optionalText(in, buffer);
        List<Attribute> attributes = attributes(in, buffer);
        List<Capability> capabilities = new ArrayList<>();
        for (long count = in.readArrayStart(); count != 0; count = in.arrayNext()) {
            for (long i = 0; i < count; i++) {
                capabilities.add(capability(in, buffer));
            }
        }
        return new Device(name, parent, sysfsPath, driver, attributes, capabilities);
    }

    private static Capability capability(BinaryDecoder in, Utf8 buffer) throws IOException {
        int branch = in.readIndex();
        return switch (branch) {
            case SCSI_HOST -> new ScsiHost(in.readInt(), isPresent(in) ? OptionalInt.of(in.readInt()) : OptionalInt.empty());
            case FC_HOST -> new FcHost(new Wwn(in.readLong()), new Wwn(in.readLong()),
                    isPresent(in) ? Optional.of(new Wwn(in.readLong())) : Optional.empty(),
                    optionalText(in, buffer), optionalText(in, buffer));
            case VPORT_OPS -> new VportOps(in.readInt(), in.readInt());
            case FC_REMOTE_PORT -> new FcRemotePort(text(in, buffer), new Wwn(in.readLong()));
            case GENERIC -> new GenericCapability(text(in, buffer), attributes(in, buffer));
            default -> throw new AvroRuntimeException("capability union branch " + branch + " out of range, of "
                    + CAPABILITY_BRANCHES);
        };
    }

    private static List<Attribute> attributes(BinaryDecoder in, Utf8 buffer) throws IOException {
        List<Attribute> attributes = new ArrayList<>();
        for (long count = in.readArrayStart(); count != 0; count = in.arrayNext()) {
            for (long i = 0; i < count; i++) {
                attributes.add(new Attribute(text(in, buffer), text(in, buffer)));
            }
        }
        return attributes;
    }

    /** A {@code ["null", X]} union's branch: whether the value is there. */
    private static boolean isPresent(BinaryDecoder in) throws IOException {
        int branch = in.readIndex();
        if (branch != 0 && branch != 1) {
            throw new AvroRuntimeException("optional value union branch " + branch + " out of range, of 2");
        }
        return branch == 1;
    }

    private static Optional<String> optionalText(BinaryDecoder in, Utf8 buffer) throws IOException {
        return isPresent(in) ? Optional.of(text(in, buffer)) : Optional.empty();
    }

    private static String text(BinaryDecoder in, Utf8 buffer) throws IOException {
        return AvroMapping.text(in.readString(buffer));
    }
}
