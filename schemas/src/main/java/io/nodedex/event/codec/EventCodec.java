package io.nodedex.event.codec;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.event.Event;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The wire format of {@link Event}s: Avro single-object encoding, i.e. {@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint of the writer schema (little-endian), then the Avro binary body. Every
 * message names its schema, so events written by older agents stay readable: the decoder knows
 * every released schema version (frozen under {@code io/nodedex/schemas/history}) and resolves
 * each to the current one, filling fields added since with their defaults.
 *
 * <p>{@code decode(encode(e)).equals(e)} for every event (whose strings are text, see
 * {@link #encode}). Decoding never returns a partial event:
 * it either returns a complete, validated event or throws {@link EventDecodingException}, the only
 * exception it throws for bad bytes, with a message that says what was wrong.
 *
 * <p>Thread-safe and meant to be shared: build one per process. Encoding reuses a buffer per
 * thread ({@link SingleObjectWriter}); decoding uses readers built once in the constructor and a
 * fresh array-backed decoder per call ({@link SingleObjectReader}); a message of the current schema
 * is read part by part ({@link SlicingEventReader}, its devices by {@link DeviceReader}), noting
 * where its devices lie.
 *
 * <p>Side effect: the first codec adds the generated event record classes, and only those, to
 * Avro's global class trust list, which Avro 1.12.2 requires before it reads them.
 */
public final class EventCodec {

    private final SingleObjectWriter<io.nodedex.avro.Event> writer;
    private final SingleObjectReader<io.nodedex.avro.Event> reader;
    private final SlicingEventReader slicing;
    private final DeviceCodec devices = new DeviceCodec();
    private final byte[] deviceHeader = SingleObjectWriter.header(io.nodedex.avro.Device.getClassSchema());
    private final String schemaFingerprint;

    /**
     * An event and the stored form ({@link DeviceCodec}) of every device it carries, in the order
     * of {@link io.nodedex.event.Payload#carriedDevices}.
     */
    public record WithDevices(Event event, List<byte[]> storedDevices) {
        public WithDevices {
            storedDevices = List.copyOf(storedDevices);
        }
    }

    /**
     * Loads the schema history and builds the encoder and decoder.
     *
     * @throws IllegalStateException when the generated records' schema is not the newest released
     *     version (a build that changed the schema without adding a history entry)
     */
    public EventCodec() {
        List<Version> history = SchemaHistory.load();
        Schema current = io.nodedex.avro.Event.getClassSchema();
        Version newest = history.get(history.size() - 1);
        long writing = Fingerprints.of(current);
        if (writing != newest.fingerprint()) {
            throw new IllegalStateException("the event schema this build writes (" + Fingerprints.hex(writing)
                    + ") is not the newest released version " + newest + ": add it to the schema history");
        }
        SpecificData model = GeneratedRecords.model(current);
        this.writer = new SingleObjectWriter<>(current, model);
        this.reader = new SingleObjectReader<>("nodedex event", "event", history.stream()
                .map(version -> new SingleObjectReader.WriterSchema("v" + version.number(), version.schema()))
                .toList(), current, model);
        this.slicing = new SlicingEventReader(model);
        this.schemaFingerprint = Fingerprints.hex(newest.fingerprint());
    }

    /**
     * The event as one single-object encoded message, written with the newest schema version.
     * Strings are written as UTF-8; a string holding an unpaired surrogate (not text, and nothing
     * a parser of XML or sysfs produces) would be written with {@code ?} in its place, as
     * {@link String#getBytes(java.nio.charset.Charset)} does.
     */
    public byte[] encode(Event event) {
        return writer.write(AvroMapping.toAvro(event));
    }

    /**
     * The event in a message written with any released schema version.
     *
     * @throws EventDecodingException when the bytes are not a single-object message, name an
     *     unknown schema, hold a truncated or corrupt body, or hold values the event model rejects
     */
    public Event decode(byte[] message) {
        return read(message).event();
    }

    /**
     * The event in a message, as {@link #decode} reads it, with the stored form of every device it
     * carries. When the message was written with the current schema, each device's stored form is
     * the bytes it travelled in, taken as they are; else each device is
     * {@linkplain DeviceCodec#encode encoded}. The two are the same bytes for every message Avro's
     * encoder writes, as nodedex's agents do. A writer whose encoding is not Avro's shortest (a
     * number in more bytes than it needs, an array in blocks) has its devices stored as it sent
     * them: they decode to the same devices, and every replica of the same log stores the same
     * bytes.
     *
     * @throws EventDecodingException as {@link #decode} does
     */
    public WithDevices decodeWithDevices(byte[] message) {
        SlicingEventReader.Read read = read(message);
        Event event = read.event();
        List<Device> carried = event.payload().carriedDevices();
        List<byte[]> stored = new ArrayList<>(carried.size());
        if (read.devices().isPresent()) {
            for (SlicingEventReader.Slice slice : read.devices().get()) {
                byte[] bytes = Arrays.copyOf(deviceHeader, deviceHeader.length + slice.to() - slice.from());
                System.arraycopy(message, slice.from(), bytes, deviceHeader.length, slice.to() - slice.from());
                stored.add(bytes);
            }
        } else {
            carried.forEach(device -> stored.add(devices.encode(device)));
        }
        return new WithDevices(event, stored);
    }

    /** A message of the current schema read by {@link SlicingEventReader}, of an older one resolved and mapped. */
    private SlicingEventReader.Read read(byte[] message) {
        try {
            return reader.read(message, slicing::read,
                    record -> new SlicingEventReader.Read(AvroMapping.fromAvro(record), Optional.empty()));
        } catch (EventDecodingException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new EventDecodingException("invalid event: " + e.getMessage(), e);
        }
    }

    /**
     * The fingerprint of the schema {@link #encode} writes, as it appears in bytes 2 to 9 of every
     * message: 16 hex digits (8 bytes, little-endian). For diagnostics.
     */
    public String schemaFingerprint() {
        return schemaFingerprint;
    }
}
