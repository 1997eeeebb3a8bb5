package io.nodedex.event.codec;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.Event;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.util.List;
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
 * fresh array-backed decoder per call ({@link SingleObjectReader}).
 *
 * <p>Side effect: the first codec adds the generated event record classes, and only those, to
 * Avro's global class trust list, which Avro 1.12.2 requires before it reads them.
 */
public final class EventCodec {

    private final SingleObjectWriter<io.nodedex.avro.Event> writer;
    private final SingleObjectReader<io.nodedex.avro.Event> reader;
    private final String schemaFingerprint;

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
        io.nodedex.avro.Event record = reader.read(message);
        try {
            return AvroMapping.fromAvro(record);
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
