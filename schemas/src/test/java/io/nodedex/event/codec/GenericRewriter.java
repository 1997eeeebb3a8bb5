package io.nodedex.event.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * An oracle independent of the codec: reads a current-schema message with plain generic Avro
 * (strings kept as their raw bytes) and writes it back. The result is the canonical form of what
 * the bytes say, so a faithful decoder must encode its event to exactly these bytes.
 */
final class GenericRewriter {

    private GenericRewriter() {
    }

    static byte[] rewrite(byte[] message) {
        Schema schema = io.nodedex.avro.Event.getClassSchema();
        int header = SingleObjectReader.HEADER_LENGTH;
        try {
            Object datum = new GenericDatumReader<>(schema, schema, GenericData.get()).read(null,
                    DecoderFactory.get().binaryDecoder(message, header, message.length - header, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(message, 0, header);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<>(schema, GenericData.get()).write(datum, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the codec decoded what plain Avro cannot read: " + Arrays.toString(message), e);
        }
    }
}
