package io.nodedex.event.codec;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The stored form of one {@link Device}, for tables that keep devices (the indexer's RocksDB):
 * Avro single-object encoding of the event schema's own {@code Device} record, through the same
 * model mapping as {@link EventCodec}, so a device is stored exactly as it travels.
 *
 * <p>Every stored value names its schema by fingerprint. The decoder knows the {@code Device}
 * record of every released event schema version and resolves each to the current one, so values
 * written by an older build stay readable; a value of the current schema is read straight into
 * the model ({@link DeviceReader}).
 *
 * <p>{@code decode(encode(d)).equals(d)}, and equal devices encode to equal bytes (the encoding is
 * deterministic), so stored bytes can be compared and digested. Thread-safe; build one per process.
 *
 * <p>The devices of an event written with the current schema need no encoding: their stored form
 * is the bytes they travelled in, behind the {@code Device} record's header
 * ({@link EventCodec#decodeWithDevices}).
 */
public final class DeviceCodec {

    private final SingleObjectWriter<io.nodedex.avro.Device> writer;
    private final SingleObjectReader<io.nodedex.avro.Device> reader;
    private final DeviceReader currentReader;

    public DeviceCodec() {
        Schema current = io.nodedex.avro.Device.getClassSchema();
        SpecificData model = GeneratedRecords.model(io.nodedex.avro.Event.getClassSchema());
        this.writer = new SingleObjectWriter<>(current, model);
        this.reader = new SingleObjectReader<>("stored nodedex device", "device", SchemaHistory.load().stream()
                .map(version -> new SingleObjectReader.WriterSchema("Device of event schema v" + version.number(),
                        GeneratedRecords.namedTypes(version.schema()).get(current.getFullName())))
                .toList(), current, model);
        this.currentReader = new DeviceReader(current);
    }

    /** The device as one single-object encoded value, written with the current schema. */
    public byte[] encode(Device device) {
        return writer.write(AvroMapping.toAvro(device));
    }

    /**
     * The device in a value written by {@link #encode} of this or an older build.
     *
     * @throws EventDecodingException when the bytes are not a stored device of a known schema, or
     *     hold values the model rejects
     */
    public Device decode(byte[] value) {
        try {
            return reader.read(value, (bytes, body) -> currentReader.read(body), AvroMapping::fromAvro);
        } catch (EventDecodingException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new EventDecodingException("invalid stored device: " + e.getMessage(), e);
        }
    }
}
