package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A record's signature names its signer and binds its key and value together. */
class RecordSignaturesTest {

    private static final SigningKey HOST = SigningKey.generate();
    private static final byte[] KEY = "hv01\0UDEV".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {(byte) 0xc3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42};

    @Test
    void aSignedRecordNamesItsSigner() {
        Headers headers = RecordSignatures.sign(HOST, KEY, VALUE);

        assertThat(headers.lastHeader(RecordSignatures.SIGNER_HEADER).value()).isEqualTo(HOST.publicKey().raw());
        assertThat(headers.lastHeader(RecordSignatures.SIGNATURE_HEADER).value()).hasSize(64);
        assertThat(RecordSignatures.signer(headers, KEY, VALUE)).contains(HOST.publicKey());
    }

    @Test
    void anUnsignedRecordHasNoSigner() {
        assertThat(RecordSignatures.signer(new RecordHeaders(), KEY, VALUE)).isEmpty();
    }

    @Test
    void anAlteredValueOrASignatureMovedToAnotherKeyDoesNotVerify() {
        Headers headers = RecordSignatures.sign(HOST, KEY, VALUE);
        byte[] altered = VALUE.clone();
        altered[10] = 43;
        String expected = "the signature does not verify with the key it names (" + HOST.publicKey().fingerprint()
                + "): the record was altered or the signature forged";

        assertThatThrownBy(() -> RecordSignatures.signer(headers, KEY, altered))
                .isInstanceOf(InvalidInputException.class).hasMessage(expected);
        assertThatThrownBy(() -> RecordSignatures.signer(headers, "hv02\0UDEV".getBytes(StandardCharsets.UTF_8), VALUE))
                .hasMessage(expected);
    }

    @Test
    void aSignerClaimingAnotherKeyDoesNotVerify() {
        Headers forged = RecordSignatures.sign(SigningKey.generate(), KEY, VALUE);
        forged.remove(RecordSignatures.SIGNER_HEADER);
        forged.add(RecordSignatures.SIGNER_HEADER, HOST.publicKey().raw());

        assertThatThrownBy(() -> RecordSignatures.signer(forged, KEY, VALUE)).hasMessageStartingWith(
                "the signature does not verify with the key it names (" + HOST.publicKey().fingerprint() + ")");
    }

    @Test
    void halfASignatureOrAMalformedKeyIsNamed() {
        RecordHeaders onlySignature = new RecordHeaders();
        onlySignature.add(RecordSignatures.SIGNATURE_HEADER, new byte[64]);
        RecordHeaders shortKey = new RecordHeaders();
        shortKey.add(RecordSignatures.SIGNER_HEADER, new byte[5]);
        shortKey.add(RecordSignatures.SIGNATURE_HEADER, new byte[64]);

        assertThatThrownBy(() -> RecordSignatures.signer(onlySignature, KEY, VALUE))
                .hasMessage("the record carries nodedex.signature without nodedex.signer");
        assertThatThrownBy(() -> RecordSignatures.signer(shortKey, KEY, VALUE))
                .hasMessage("header nodedex.signer: an Ed25519 public key has 32 bytes, not 5");
    }
}
