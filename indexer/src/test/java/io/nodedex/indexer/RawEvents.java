package io.nodedex.indexer;

import io.nodedex.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Poison records: bytes no agent should write, built with Avro directly (generic records of the
 * event schema) so the event model cannot refuse them on the way out.
 */
final class RawEvents {

    private static final Schema EVENT = io.nodedex.avro.Event.getClassSchema();

    private RawEvents() {
    }

    static byte[] garbage() {
        return KafkaLog.utf8("this is not an event");
    }

    /** A valid event whose header names a schema fingerprint nobody knows. */
    static byte[] unknownFingerprint(Event event) {
        byte[] bytes = KafkaLog.CODEC.encode(event);
        Arrays.fill(bytes, 2, 10, (byte) 0x5a);
        return bytes;
    }

    /** A valid event cut short. */
    static byte[] truncated(Event event) {
        byte[] bytes = KafkaLog.CODEC.encode(event);
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    /** A well-formed upsert of an fc_host whose vport_ops counts are negative. */
    static byte[] negativeVportCounts(String hostId, long sequence) {
        Schema deviceSchema = branch(EVENT.getField("payload").schema(), "DeviceUpserted").getField("device").schema();
        Schema capabilities = deviceSchema.getField("capabilities").schema().getElementType();
        GenericRecord vportOps = new GenericData.Record(branch(capabilities, "VportOps"));
        vportOps.put("maxVports", -1);
        vportOps.put("vports", -5);
        return upsert(hostId, sequence, deviceSchema, "scsi_host5", List.of(vportOps));
    }

    /** A well-formed upsert of a device whose name is blank. */
    static byte[] blankDeviceName(String hostId, long sequence) {
        Schema deviceSchema = branch(EVENT.getField("payload").schema(), "DeviceUpserted").getField("device").schema();
        return upsert(hostId, sequence, deviceSchema, "  ", List.of());
    }

    private static byte[] upsert(String hostId, long sequence, Schema deviceSchema, String name,
            List<GenericRecord> capabilities) {
        GenericRecord device = new GenericData.Record(deviceSchema);
        device.put("name", name);
        device.put("attributes", List.of());
        device.put("capabilities", capabilities);
        GenericRecord upserted = new GenericData.Record(branch(EVENT.getField("payload").schema(), "DeviceUpserted"));
        upserted.put("device", device);
        GenericRecord event = new GenericData.Record(EVENT);
        event.put("header", header(hostId, sequence));
        event.put("payload", upserted);
        return encode(event);
    }

    private static GenericRecord header(String hostId, long sequence) {
        Schema schema = EVENT.getField("header").schema();
        GenericRecord header = new GenericData.Record(schema);
        header.put("hostId", hostId);
        header.put("incarnation", 1L);
        header.put("sequence", sequence);
        header.put("source", new GenericData.EnumSymbol(schema.getField("source").schema(), "UDEV"));
        header.put("observedAt", 1_700_000_000_000_000L);
        return header;
    }

    private static Schema branch(Schema union, String name) {
        return union.getTypes().stream().filter(type -> type.getName().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] encode(GenericRecord event) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), EVENT).encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
