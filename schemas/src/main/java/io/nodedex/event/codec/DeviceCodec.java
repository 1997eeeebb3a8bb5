package io.nodedex.event.codec;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

/**
 * The stored form of one {@link Device}, for tables that keep devices (the indexer's RocksDB):
 * Avro single-object encoding of the event schema's own {@code Device} record, through the same
 * model mapping as {@link EventCodec}, so a device is stored exactly as it travels.
 *
 * <p>Every stored value names its schema by fingerprint. The decoder knows the {@code Device}
 * record of every released event schema version and resolves each to the current one, so values
 * written by an older build stay readable.
 *
 * <p>{@code decode(encode(d)).equals(d)}, and equal devices encode to equal bytes (the encoding is
 * deterministic), so stored bytes can be compared and digested. Thread-safe; build one per process.
 */
public final class DeviceCodec {

    private final BinaryMessageEncoder<io.nodedex.avro.Device> encoder;
    private final BinaryMessageDecoder<io.nodedex.avro.Device> decoder;

    public DeviceCodec() {
        Schema current = io.nodedex.avro.Device.getClassSchema();
        SpecificData model = GeneratedRecords.model(io.nodedex.avro.Event.getClassSchema());
        this.encoder = new BinaryMessageEncoder<>(model, current, false);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (Version version : SchemaHistory.load()) {
            decoder.addSchema(GeneratedRecords.namedTypes(version.schema()).get(current.getFullName()));
        }
    }

    /** The device as one single-object encoded value, written with the current schema. */
    public byte[] encode(Device device) {
        ByteBuffer encoded;
        try {
            encoded = encoder.encode(AvroMapping.toAvro(device)); // a thread-local buffer: copy it out now
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a device into memory", e);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /**
     * The device in a value written by {@link #encode} of this or an older build.
     *
     * @throws EventDecodingException when the bytes are not a stored device of a known schema, or
     *     hold values the model rejects
     */
    public Device decode(byte[] value) {
        io.nodedex.avro.Device record;
        try {
            record = decoder.decode(value);
        } catch (IOException | AvroRuntimeException e) {
            throw new EventDecodingException("not a stored nodedex device: " + e.getMessage(), e);
        }
        try {
            return AvroMapping.fromAvro(record);
        } catch (InvalidInputException e) {
            throw new EventDecodingException("invalid stored device: " + e.getMessage(), e);
        }
    }
}
