package io.nodedex.event.codec;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;

/**
 * Reads the body of an event written with the current schema into the event model, and notes
 * where each device record lies in the message: the device of a {@code DeviceUpserted} and every
 * device of a {@code HostSnapshot}. It drives Avro's own readers through the event's structure
 * (the header, and each payload branch that carries no device, read into the generated records and
 * mapped by {@link AvroMapping}), reading devices with {@link DeviceReader}, and reads the bytes
 * once.
 *
 * <p>Thread-safe: Avro's fast readers and the device reader hold no per-read state.
 */
final class SlicingEventReader {

    /** The byte range {@code [from, to)} of one device record within its message. */
    record Slice(int from, int to) {
    }

    /**
     * A body read: the event, and where its devices lie in payload order (empty when the body was
     * not read by this reader, being of an earlier schema).
     */
    record Read(Event event, Optional<List<Slice>> devices) {
    }

    private final DatumReader<io.nodedex.avro.EventHeader> header;
    private final List<DatumReader<Object>> payloads;
    private final DeviceReader device;
    private final int upserted;
    private final int snapshot;

    /**
     * @throws IllegalStateException when the current event schema is not a header and a payload
     *     union whose {@code DeviceUpserted} and {@code HostSnapshot} hold their device(s) alone,
     *     or its {@code Device} record is not the one {@link DeviceReader} follows
     */
    SlicingEventReader(SpecificData model) {
        Schema event = io.nodedex.avro.Event.getClassSchema();
        Schema union = field(event, "payload", 1, 2);
        this.header = reader(model, field(event, "header", 0, 2));
        this.payloads = union.getTypes().stream().map(branch -> SlicingEventReader.<Object>reader(model, branch))
                .toList();
        Schema deviceSchema = io.nodedex.avro.Device.getClassSchema();
        this.device = new DeviceReader(deviceSchema);
        this.upserted = union.getIndexNamed(io.nodedex.avro.DeviceUpserted.getClassSchema().getFullName());
        this.snapshot = union.getIndexNamed(io.nodedex.avro.HostSnapshot.getClassSchema().getFullName());
        if (!field(union.getTypes().get(upserted), "device", 0, 1).equals(deviceSchema)
                || !field(union.getTypes().get(snapshot), "devices", 0, 1).getElementType().equals(deviceSchema)) {
            throw new IllegalStateException("DeviceUpserted and HostSnapshot must hold Device records alone");
        }
    }

    /**
     * Reads the body that starts at {@code body}'s position in {@code message}.
     *
     * @throws IOException or a {@link RuntimeException} when the bytes are not an event body, as
     *     Avro's readers throw them
     * @throws InvalidInputException when a value breaks a rule of the model
     */
    Read read(byte[] message, BinaryDecoder body) throws IOException {
        EventHeader eventHeader = AvroMapping.fromAvro(header.read(null, body));
        int branch = body.readIndex();
        if (branch < 0 || branch >= payloads.size()) {
            throw new AvroRuntimeException("payload union branch " + branch + " out of range, of "
                    + payloads.size());
        }
        List<Slice> slices = new ArrayList<>();
        Payload payload;
        if (branch == upserted) {
            payload = new DeviceUpserted(device(message, body, slices));
        } else if (branch == snapshot) {
            List<Device> devices = new ArrayList<>();
            for (long count = body.readArrayStart(); count != 0; count = body.arrayNext()) {
                for (long i = 0; i < count; i++) {
                    devices.add(device(message, body, slices));
                }
            }
            payload = new HostSnapshot(devices);
        } else {
            payload = AvroMapping.payloadFromAvro(payloads.get(branch).read(null, body));
        }
        return new Read(new Event(eventHeader, payload), Optional.of(slices));
    }

    private Device device(byte[] message, BinaryDecoder body, List<Slice> slices) throws IOException {
        int from = message.length - body.remainingBytes();
        Device read = device.read(body);
        slices.add(new Slice(from, message.length - body.remainingBytes()));
        return read;
    }

    private static <T> DatumReader<T> reader(SpecificData model, Schema schema) {
        try {
            return model.getFastReaderBuilder().createDatumReader(schema, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a reader for " + schema.getFullName(), e);
        }
    }

    private static Schema field(Schema record, String name, int position, int fields) {
        return Optional.ofNullable(record.getField(name))
                .filter(field -> field.pos() == position && record.getFields().size() == fields)
                .map(Schema.Field::schema)
                .orElseThrow(() -> new IllegalStateException(record.getName() + " is not shaped as this reader"
                        + " expects: no field " + name + " at position " + position));
    }
}
