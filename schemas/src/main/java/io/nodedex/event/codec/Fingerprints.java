package io.nodedex.event.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** Schema fingerprints as Avro single-object encoding uses them: CRC-64-AVRO of the canonical form. */
final class Fingerprints {

    private Fingerprints() {
    }

    static long of(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** As a single-object header carries it: 8 bytes, little-endian, in hex (16 digits). */
    static String hex(long fingerprint) {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
        return HexFormat.of().formatHex(bytes);
    }
}
