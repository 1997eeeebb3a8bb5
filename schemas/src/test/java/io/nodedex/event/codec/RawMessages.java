package io.nodedex.event.codec;

import io.nodedex.avro.Attribute;
import io.nodedex.avro.Device;
import io.nodedex.avro.DeviceUpserted;
import io.nodedex.avro.Event;
import io.nodedex.avro.EventHeader;
import io.nodedex.avro.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Messages written with plain Avro, bypassing the event model and its checks: what a buggy or
 * foreign producer could put on the topic.
 */
final class RawMessages {

    private RawMessages() {
    }

    /** A single-object message written by Avro's own encoder with the current schema. */
    static byte[] encode(Event record) {
        return written(() -> Event.getEncoder().encode(record));
    }

    /** A stored device written by Avro's own single-object encoder with the current schema. */
    static byte[] encode(Device record) {
        return written(() -> Device.getEncoder().encode(record));
    }

    /** Avro's encoders write into a buffer of their own, reused: copy it out. */
    private interface Encoding {
        ByteBuffer encode() throws IOException;
    }

    private static byte[] written(Encoding encoding) {
        try {
            ByteBuffer buffer = encoding.encode();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventHeader header(String hostId) {
        return new EventHeader(hostId, 1L, 2L, Source.UDEV, Instant.parse("2025-01-01T00:00:00Z"));
    }

    static Event upsert(List<Object> capabilities) {
        return new Event(header("host-a"), new DeviceUpserted(device("scsi_host5", capabilities)));
    }

    static Device device(String name, List<Object> capabilities) {
        return new Device(name, null, null, null, List.<Attribute>of(), capabilities);
    }
}
