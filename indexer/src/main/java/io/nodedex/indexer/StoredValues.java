package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.codec.DeviceCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * The byte form of every stored value; the only place that knows it.
 *
 * <ul>
 *   <li>devices (merged and per source): {@link DeviceCodec}, the Avro {@code Device} record of
 *       the event schema in single-object encoding;</li>
 *   <li>host records: the Avro record {@link #HOST_RECORD} in single-object encoding;</li>
 *   <li>watermarks, offsets and finding counts: fixed-width big-endian numbers, (incarnation,
 *       sequence), the next offset and the count;</li>
 *   <li>index rows, host ids and findings: empty, or a vHBA's parent name in UTF-8; the key says
 *       everything ({@link Keys}).</li>
 * </ul>
 *
 * Every encoding is deterministic, so equal states are equal bytes ({@link StateDigest}).
 * Thread-safe.
 */
final class StoredValues {

    /** The {@link Table#HOSTS} value: version 1. */
    static final Schema HOST_RECORD = SchemaBuilder.record("HostRecord").namespace("io.nodedex.indexer.stored")
            .doc("A host the indexer has applied events for (table hosts, key = the 8-byte host key).")
            .fields()
            .name("hostId").doc("The host id: tells a host-key collision from the same host.").type().stringType()
            .noDefault()
            .name("lastSeen").doc("The latest observedAt of any applied event, in microseconds since the epoch.")
            .type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .endRecord();

    private static final DeviceCodec DEVICES = new DeviceCodec();
    private static final BinaryMessageEncoder<GenericRecord> HOST_ENCODER =
            new BinaryMessageEncoder<>(GenericData.get(), HOST_RECORD);
    private static final BinaryMessageDecoder<GenericRecord> HOST_DECODER =
            new BinaryMessageDecoder<>(GenericData.get(), HOST_RECORD);

    private StoredValues() {
    }

    static byte[] device(Device device) {
        return DEVICES.encode(device);
    }

    static Device device(byte[] bytes) {
        return DEVICES.decode(bytes);
    }

    static byte[] host(HostRecord host) {
        GenericRecord record = new GenericData.Record(HOST_RECORD);
        record.put("hostId", host.hostId());
        record.put("lastSeen", ChronoUnit.MICROS.between(Instant.EPOCH, host.lastSeen()));
        try {
            ByteBuffer encoded = HOST_ENCODER.encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a host record into memory", e);
        }
    }

    static HostRecord host(byte[] bytes) {
        GenericRecord record;
        try {
            record = HOST_DECODER.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw new IllegalStateException("not a stored host record: " + e.getMessage(), e);
        }
        return new HostRecord(record.get("hostId").toString(),
                Instant.EPOCH.plus((Long) record.get("lastSeen"), ChronoUnit.MICROS));
    }

    static byte[] watermark(Watermark watermark) {
        return Keys.longs(watermark.incarnation(), watermark.sequence());
    }

    static Watermark watermark(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Watermark(buffer.getLong(), buffer.getLong());
    }

    static byte[] offset(long offset) {
        return Keys.longs(offset);
    }

    static long offset(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    static byte[] count(long count) {
        return Keys.longs(count);
    }

    static long count(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
