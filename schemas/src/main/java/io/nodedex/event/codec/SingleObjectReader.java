package io.nodedex.event.codec;

import io.nodedex.event.codec.SchemaHistory.Version;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * Reads Avro single-object encoded events ({@code C3 01}, the writer schema's CRC-64-AVRO
 * fingerprint as 8 little-endian bytes, then the Avro binary body) written with any version in
 * the schema history, resolved to the current reader schema.
 *
 * <p>This is the decoding half of Avro's {@code BinaryMessageDecoder}, which it replaces because
 * that one reads the body through an unbuffered stream decoder that does not know how many bytes
 * are left: a corrupt length prefix makes it allocate up to 2 GiB before it notices the end of
 * the data, and bytes left over after the event are silently ignored. Here the body is decoded
 * straight from the array, so Avro checks every declared length and count against the bytes that
 * remain, and leftover bytes are an error. The format is the same: a test decodes what Avro's own
 * encoder writes and has Avro's decoder read what nodedex writes.
 *
 * <p>Thread-safe: the per-version readers are built eagerly in the constructor and never change
 * (Avro's fast readers, which hold no per-read state); every call creates its own cheap
 * array-backed {@link BinaryDecoder}.
 */
final class SingleObjectReader {

    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private record VersionReader(Version version, DatumReader<io.nodedex.avro.Event> reader) {
    }

    private final Map<Long, VersionReader> readers;
    private final String known;

    /**
     * @param history every version whose events this reads
     * @param readerSchema the schema of the generated records to read into
     * @param model the generated records' data model (carries their logical-type conversions)
     */
    SingleObjectReader(List<Version> history, Schema readerSchema, SpecificData model) {
        Map<Long, VersionReader> byFingerprint = new HashMap<>();
        for (Version version : history) {
            byFingerprint.put(version.fingerprint(), new VersionReader(version, reader(version, readerSchema, model)));
        }
        this.readers = Map.copyOf(byFingerprint);
        this.known = history.stream().map(Version::toString).collect(Collectors.joining(", "));
    }

    private static DatumReader<io.nodedex.avro.Event> reader(Version version, Schema readerSchema, SpecificData model) {
        // the same fingerprint means the same canonical form: read with the generated schema itself
        Schema writerSchema = version.fingerprint() == Fingerprints.of(readerSchema) ? readerSchema : version.schema();
        try {
            return model.getFastReaderBuilder().createDatumReader(writerSchema, readerSchema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a reader for event schema " + version, e);
        }
    }

    /**
     * Reads one event.
     *
     * @throws EventDecodingException when the header is not single-object, the fingerprint is not
     *     in the history, or the body is not exactly one event of that schema
     */
    io.nodedex.avro.Event read(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new EventDecodingException("not a nodedex event: " + message.length
                    + " bytes, fewer than the " + HEADER_LENGTH + "-byte Avro single-object header");
        }
        if (message[0] != MARKER_0 || message[1] != MARKER_1) {
            throw new EventDecodingException(String.format(
                    "not a nodedex event: expected the Avro single-object marker c3 01, found %02x %02x",
                    message[0], message[1]));
        }
        long fingerprint = ByteBuffer.wrap(message, 2, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        VersionReader versionReader = readers.get(fingerprint);
        if (versionReader == null) {
            throw new EventDecodingException("unknown schema fingerprint " + Fingerprints.hex(fingerprint)
                    + ": not a nodedex event schema this build knows (known: " + known + ")");
        }
        return readBody(versionReader, message);
    }

    private static io.nodedex.avro.Event readBody(VersionReader versionReader, byte[] message) {
        BinaryDecoder body = DecoderFactory.get()
                .binaryDecoder(message, HEADER_LENGTH, message.length - HEADER_LENGTH, null);
        io.nodedex.avro.Event event;
        SystemLimitException.beginCollectionAllocationScope();
        try {
            event = versionReader.reader().read(null, body);
        } catch (IOException | RuntimeException e) {
            // anything the Avro reader throws on these bytes means they are not a valid body
            throw new EventDecodingException(
                    "corrupt body (schema " + versionReader.version() + "): " + describe(e), e);
        } finally {
            SystemLimitException.endCollectionAllocationScope();
        }
        int unread = body.remainingBytes();
        if (unread != 0) {
            throw new EventDecodingException("corrupt body (schema " + versionReader.version() + "): "
                    + unread + " bytes left over after the event");
        }
        return event;
    }

    private static String describe(Exception e) {
        if (e instanceof EOFException) {
            return "truncated, the data ends inside the event"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
