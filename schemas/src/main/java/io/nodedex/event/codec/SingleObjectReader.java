package io.nodedex.event.codec;

import io.nodedex.device.InvalidInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * Reads Avro single-object encoded records ({@code C3 01}, the writer schema's CRC-64-AVRO
 * fingerprint as 8 little-endian bytes, then the Avro binary body) written with any schema it
 * knows, resolved to the current reader schema: events written with any version in the schema
 * history, and stored devices written with the {@code Device} record of any of them.
 *
 * <p>This is the decoding half of Avro's {@code BinaryMessageDecoder}, which it replaces because
 * that one reads the body through an unbuffered stream decoder that does not know how many bytes
 * are left: a corrupt length prefix makes it allocate up to 2 GiB before it notices the end of
 * the data, and bytes left over after the record are silently ignored. Here the body is decoded
 * straight from the array, so Avro checks every declared length and count against the bytes that
 * remain, and leftover bytes are an error. The format is the same: a test decodes what Avro's own
 * encoder writes and has Avro's decoder read what nodedex writes.
 *
 * <p>Thread-safe: the per-schema readers are built eagerly in the constructor and never change
 * (Avro's fast readers, which hold no per-read state); every call creates its own cheap
 * array-backed {@link BinaryDecoder}.
 *
 * @param <T> the generated record type read into
 */
final class SingleObjectReader<T> {

    static final int HEADER_LENGTH = 10;
    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;

    /** A schema records may have been written with, and how messages name it. */
    record WriterSchema(String label, Schema schema) {
    }

    private record VersionReader<T>(long fingerprint, String label, DatumReader<T> reader) {
    }

    private final String what;
    private final String noun;
    private final Map<Long, VersionReader<T>> readers;
    private final String known;
    private final long currentFingerprint;

    /**
     * @param what what a message is, for errors ("nodedex event")
     * @param noun what the body holds, for errors ("event")
     * @param writerSchemas every schema whose records this reads; of two with the same
     *     fingerprint, the first names it
     * @param readerSchema the schema of the generated records to read into
     * @param model the generated records' data model (carries their logical-type conversions)
     */
    SingleObjectReader(String what, String noun, List<WriterSchema> writerSchemas, Schema readerSchema,
            SpecificData model) {
        this.what = what;
        this.noun = noun;
        Map<Long, VersionReader<T>> byFingerprint = new LinkedHashMap<>();
        long current = Fingerprints.of(readerSchema);
        for (WriterSchema writer : writerSchemas) {
            long fingerprint = Fingerprints.of(writer.schema());
            if (!byFingerprint.containsKey(fingerprint)) {
                String label = writer.label() + " (" + Fingerprints.hex(fingerprint) + ")";
                // the same fingerprint means the same canonical form: read with the generated schema itself
                Schema schema = fingerprint == current ? readerSchema : writer.schema();
                byFingerprint.put(fingerprint,
                        new VersionReader<>(fingerprint, label, reader(label, schema, readerSchema, model)));
            }
        }
        this.readers = Map.copyOf(byFingerprint);
        this.currentFingerprint = current;
        this.known = byFingerprint.values().stream().map(VersionReader::label).collect(Collectors.joining(", "));
    }

    private static <T> DatumReader<T> reader(String label, Schema writerSchema, Schema readerSchema,
            SpecificData model) {
        try {
            return model.getFastReaderBuilder().createDatumReader(writerSchema, readerSchema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a reader for schema " + label, e);
        }
    }

    /** How a body is read: from the decoder, which starts at the body within {@code message}. */
    interface BodyReader<R> {
        R read(byte[] message, BinaryDecoder body) throws IOException;
    }

    /**
     * Reads one message: a body written with the reader schema itself is read by {@code current};
     * any other is read by Avro into a record, resolved to the reader schema, and
     * {@code otherwise} applied.
     *
     * @throws EventDecodingException when the header is not single-object, the fingerprint is not
     *     known, or the body is not exactly one record of that schema
     * @throws InvalidInputException as it is, when {@code current} or {@code otherwise} throws it
     *     for a well-formed value the model rejects
     */
    <R> R read(byte[] message, BodyReader<R> current, Function<T, R> otherwise) {
        VersionReader<T> version = version(message);
        return version.fingerprint() == currentFingerprint ? readBody(version.label(), message, current)
                : otherwise.apply(readBody(version.label(), message, (bytes, body) -> version.reader().read(null, body)));
    }

    private VersionReader<T> version(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new EventDecodingException("not a " + what + ": " + message.length
                    + " bytes, fewer than the " + HEADER_LENGTH + "-byte Avro single-object header");
        }
        if (message[0] != MARKER_0 || message[1] != MARKER_1) {
            throw new EventDecodingException(String.format(
                    "not a %s: expected the Avro single-object marker c3 01, found %02x %02x",
                    what, message[0], message[1]));
        }
        long fingerprint = ByteBuffer.wrap(message, 2, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        VersionReader<T> versionReader = readers.get(fingerprint);
        if (versionReader == null) {
            throw new EventDecodingException("unknown schema fingerprint " + Fingerprints.hex(fingerprint)
                    + ": not a " + what + " schema this build knows (known: " + known + ")");
        }
        return versionReader;
    }

    private <R> R readBody(String label, byte[] message, BodyReader<R> reader) {
        BinaryDecoder body = DecoderFactory.get()
                .binaryDecoder(message, HEADER_LENGTH, message.length - HEADER_LENGTH, null);
        R record;
        SystemLimitException.beginCollectionAllocationScope();
        try {
            record = reader.read(message, body);
        } catch (InvalidInputException e) {
            throw e; // well-formed, but a value the model rejects: the caller names it
        } catch (IOException | RuntimeException e) {
            // anything the Avro reader throws on these bytes means they are not a valid body
            throw new EventDecodingException("corrupt body (schema " + label + "): " + describe(e), e);
        } finally {
            SystemLimitException.endCollectionAllocationScope();
        }
        int unread = body.remainingBytes();
        if (unread != 0) {
            throw new EventDecodingException("corrupt body (schema " + label + "): "
                    + unread + " bytes left over after the " + noun);
        }
        return record;
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
