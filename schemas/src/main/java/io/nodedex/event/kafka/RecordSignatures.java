package io.nodedex.event.kafka;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.event.signing.SigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How a record of the events topic is signed (docs/design.md, "Who may publish what"): two
 * headers, {@value #SIGNER_HEADER} (the signer's 32-byte Ed25519 public key) and
 * {@value #SIGNATURE_HEADER} (its 64-byte signature). The signed message is
 * {@code "nodedex.record.v1" NUL}, the record key's length as 4 bytes big-endian, the key, then
 * the value: so a signature binds the key and the value together and cannot be moved to another
 * record. Tombstones (no value) carry no event and are not signed.
 *
 * <p>A valid signature says who signed; whether that signer may publish the record (the host's
 * enrolled key, or the administrators' key) is decided by the indexer, in log order.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordSignatures {

    /** The header holding the signer's public key (32 bytes). */
    public static final String SIGNER_HEADER = "nodedex.signer";
    /** The header holding the Ed25519 signature (64 bytes). */
    public static final String SIGNATURE_HEADER = "nodedex.signature";
    private static final byte[] DOMAIN = "nodedex.record.v1\0".getBytes(StandardCharsets.US_ASCII);

    private RecordSignatures() {
    }

    /** The headers that sign a record of this key and value with {@code key}. */
    public static Headers sign(SigningKey signer, byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value: tombstones are not signed");
        RecordHeaders headers = new RecordHeaders();
        headers.add(SIGNER_HEADER, signer.publicKey().raw());
        headers.add(SIGNATURE_HEADER, signer.sign(message(key, value)));
        return headers;
    }

    /**
     * Who signed the record, checked.
     *
     * @return the signer's key; empty when the record carries no signature
     * @throws InvalidInputException when the signature headers are malformed or the signature
     *     does not verify (the message says which)
     */
    public static Optional<PublicSigningKey> signer(Headers headers, byte[] key, byte[] value) {
        Header signer = headers.lastHeader(SIGNER_HEADER);
        Header signature = headers.lastHeader(SIGNATURE_HEADER);
        if (signer == null && signature == null) {
            return Optional.empty();
        }
        if (signer == null || signature == null || signer.value() == null || signature.value() == null) {
            throw new InvalidInputException("the record carries " + (signer == null ? SIGNATURE_HEADER : SIGNER_HEADER)
                    + " without " + (signer == null ? SIGNER_HEADER : SIGNATURE_HEADER));
        }
        PublicSigningKey publicKey;
        try {
            publicKey = PublicSigningKey.ofRaw(signer.value());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("header " + SIGNER_HEADER + ": " + e.getMessage());
        }
        if (!publicKey.verifies(message(key == null ? new byte[0] : key, value), signature.value())) {
            throw new InvalidInputException("the signature does not verify with the key it names ("
                    + publicKey.fingerprint() + "): the record was altered or the signature forged");
        }
        return Optional.of(publicKey);
    }

    private static byte[] message(byte[] key, byte[] value) {
        return ByteBuffer.allocate(DOMAIN.length + Integer.BYTES + key.length + value.length)
                .put(DOMAIN).putInt(key.length).put(key).put(value).array();
    }
}
