package io.nodedex.event.codec;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Writes events (and stored devices) as an agent built with an older schema version did: Avro's own single-object
 * encoder, generic records of that version's schema. Fields the old version lacks are dropped,
 * fields only the old version has take their defaults.
 */
final class HistoricWriter {

    private static final GenericData DATA = new GenericData();

    static {
        DATA.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    }

    private HistoricWriter() {
    }

    static byte[] write(Version version, Event event) {
        return encode(project(AvroMapping.toAvro(event), version.schema()), version.schema());
    }

    /** A stored device as a build with that version's {@code Device} record wrote it. */
    static byte[] write(Version version, Device device) {
        Schema schema = GeneratedRecords.namedTypes(version.schema()).get("io.nodedex.avro.Device");
        return encode(project(AvroMapping.toAvro(device), schema), schema);
    }

    private static byte[] encode(Object record, Schema schema) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<>(DATA, schema).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as a record of the target schema holds it. */
    private static Object project(Object value, Schema target) {
        switch (target.getType()) {
            case RECORD: {
                IndexedRecord source = (IndexedRecord) value;
                GenericData.Record record = new GenericData.Record(target);
                for (Schema.Field field : target.getFields()) {
                    Schema.Field sourceField = source.getSchema().getField(field.name());
                    record.put(field.pos(), sourceField == null ? DATA.getDefaultValue(field)
                            : project(source.get(sourceField.pos()), field.schema()));
                }
                return record;
            }
            case UNION:
                return value == null ? null : project(value, target.getTypes().get(DATA.resolveUnion(target, value)));
            case ARRAY: {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(project(item, target.getElementType()));
                }
                return items;
            }
            case ENUM:
                return new GenericData.EnumSymbol(target, value.toString());
            default:
                return value;
        }
    }
}
