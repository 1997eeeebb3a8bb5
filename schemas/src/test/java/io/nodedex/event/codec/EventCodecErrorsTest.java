package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.avro.DeviceRemoved;
import io.nodedex.avro.HostSnapshot;
import io.nodedex.avro.ScsiHost;
import io.nodedex.avro.VportOps;
import io.nodedex.device.InvalidInputException;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Heartbeat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class EventCodecErrorsTest {

    private final EventCodec codec = new EventCodec();
    private final byte[] valid = codec.encode(SampleEvents.event(new DeviceUpserted(SampleEvents.everyCapability())));

    @Test
    void garbageIsNotAnEvent() {
        byte[] garbage = "{\"hostId\": \"host-a\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(garbage))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("not a nodedex event: expected the Avro single-object marker c3 01, found 7b 22");
    }

    @Test
    void aWrongMarkerIsNamed() {
        byte[] wrongMarker = valid.clone();
        wrongMarker[1] = 0x02;

        assertThatThrownBy(() -> codec.decode(wrongMarker))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessageContaining("expected the Avro single-object marker c3 01, found c3 02");
    }

    @Test
    void messagesShorterThanTheHeaderAreNotEvents() {
        for (int length = 0; length < SingleObjectReader.HEADER_LENGTH; length++) {
            byte[] shortMessage = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> codec.decode(shortMessage))
                    .isExactlyInstanceOf(EventDecodingException.class)
                    .hasMessage("not a nodedex event: " + length
                            + " bytes, fewer than the 10-byte Avro single-object header");
        }
    }

    @Test
    void anUnknownFingerprintIsShownInHex() {
        byte[] unknown = valid.clone();
        ByteBuffer.wrap(unknown, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);

        assertThatThrownBy(() -> codec.decode(unknown))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("unknown schema fingerprint efcdab8967452301: ")
                .hasMessageContaining("known: v1 (")
                .hasMessageContaining("v3 (").hasMessageContaining("v4 (").hasMessageContaining("v5 (" + codec.schemaFingerprint() + ")");
    }

    @Test
    void aTruncatedBodyIsCorrupt() {
        for (int length = SingleObjectReader.HEADER_LENGTH; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> codec.decode(truncated))
                    .as("cut after %d of %d bytes", length, valid.length)
                    .isExactlyInstanceOf(EventDecodingException.class)
                    .hasMessageStartingWith("corrupt body (schema v5 (" + codec.schemaFingerprint() + ")): ");
        }
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(valid, valid.length - 1)))
                .hasMessageContaining("truncated");
    }

    @Test
    void bytesLeftOverAfterTheEventAreCorrupt() {
        byte[] trailing = Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> codec.decode(trailing))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessageEndingWith("): 3 bytes left over after the event");
    }

    @Test
    void anOutOfRangeUnionBranchIsCorrupt() {
        byte[] heartbeat = codec.encode(SampleEvents.event(new Heartbeat()));
        // the payload union index is the last byte of a heartbeat: branch 3 (zig-zag 6) of 5; 9 is branch -5
        byte[] corrupt = heartbeat.clone();
        corrupt[corrupt.length - 1] = 9;

        assertThatThrownBy(() -> codec.decode(corrupt))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("corrupt body (schema v5");
    }

    @Test
    void aHugeDeclaredLengthFailsWithoutAllocatingIt() throws Exception {
        // header, then hostId declared as Integer.MAX_VALUE - 8 bytes long but followed by 3 bytes:
        // a reader that trusts the length would try to allocate 2 GiB first
        var body = new java.io.ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
        encoder.writeLong(Integer.MAX_VALUE - 8);
        encoder.flush();
        body.write(new byte[] {'a', 'b', 'c'});
        byte[] message = concat(Arrays.copyOf(valid, SingleObjectReader.HEADER_LENGTH), body.toByteArray());

        assertThatThrownBy(() -> codec.decode(message))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessageContaining("corrupt body")
                .hasMessageContaining("truncated");
    }

    @Test
    void aNegativeVportCountWrittenByAnotherProducerIsInvalid() {
        byte[] negative = RawMessages.encode(RawMessages.upsert(List.of(new ScsiHost(5, null), new VportOps(255, -3))));

        assertThatThrownBy(() -> codec.decode(negative))
                .isExactlyInstanceOf(EventDecodingException.class)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid event: vport counts must not be negative: max_vports 255, vports -3")
                .hasCauseExactlyInstanceOf(InvalidInputException.class);
    }

    @Test
    void aNegativeScsiHostNumberIsInvalid() {
        byte[] negative = RawMessages.encode(RawMessages.upsert(List.of(new ScsiHost(-1, null))));

        assertThatThrownBy(() -> codec.decode(negative))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("invalid event: scsi_host number must not be negative: -1");
    }

    @Test
    void aBlankHostIdIsInvalid() {
        byte[] blank = RawMessages.encode(new io.nodedex.avro.Event(RawMessages.header("  "),
                new io.nodedex.avro.Heartbeat()));

        assertThatThrownBy(() -> codec.decode(blank))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("invalid event: host id must not be blank");
    }

    @Test
    void aNegativeSequenceIsInvalid() {
        io.nodedex.avro.EventHeader header = RawMessages.header("host-a");
        header.put("sequence", -1L);
        byte[] negative = RawMessages.encode(new io.nodedex.avro.Event(header, new io.nodedex.avro.Heartbeat()));

        assertThatThrownBy(() -> codec.decode(negative))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessageContaining("invalid event: incarnation and sequence must not be negative");
    }

    @Test
    void aSnapshotListingADeviceTwiceIsInvalid() {
        byte[] duplicate = RawMessages.encode(new io.nodedex.avro.Event(RawMessages.header("host-a"),
                new HostSnapshot(List.of(RawMessages.device("scsi_host5", List.of()),
                        RawMessages.device("scsi_host5", List.of())))));

        assertThatThrownBy(() -> codec.decode(duplicate))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("invalid event: snapshot lists device 'scsi_host5' twice");
    }

    @Test
    void blankNamesAreInvalid() {
        byte[] blankRemoved = RawMessages.encode(new io.nodedex.avro.Event(RawMessages.header("host-a"),
                new DeviceRemoved("")));
        byte[] blankCapability = RawMessages.encode(RawMessages.upsert(
                List.of(new io.nodedex.avro.GenericCapability(" ", List.of()))));

        assertThatThrownBy(() -> codec.decode(blankRemoved))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("invalid event: removed device name must not be blank");
        assertThatThrownBy(() -> codec.decode(blankCapability))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("invalid event: capability type must not be blank");
    }

    @Test
    void aStringWhoseBytesAreNotUtf8IsInvalidNotReplaced() {
        // "ab", then a continuation byte with no lead byte
        org.apache.avro.util.Utf8 malformed = new org.apache.avro.util.Utf8(new byte[] {'a', 'b', (byte) 0x80});
        byte[] message = RawMessages.encode(new io.nodedex.avro.Event(RawMessages.header("host-a"),
                new DeviceRemoved(malformed)));

        assertThatThrownBy(() -> codec.decode(message))
                .isExactlyInstanceOf(EventDecodingException.class)
                .hasMessage("invalid event: string is not valid UTF-8: 'ab\uFFFD' (malformed bytes shown as U+FFFD)");
    }

    @Test
    void aReplacementCharacterThatWasSentIsKept() {
        byte[] message = RawMessages.encode(new io.nodedex.avro.Event(RawMessages.header("host-a"),
                new DeviceRemoved("ab\uFFFD")));

        assertThat(codec.decode(message).payload()).isEqualTo(new io.nodedex.event.DeviceRemoved("ab\uFFFD"));
    }

    @Test
    void aValidRawMessageDecodes() {
        // the raw path itself is sound: the failures above come from the values alone
        byte[] fine = RawMessages.encode(RawMessages.upsert(List.of(new ScsiHost(5, null), new VportOps(255, 3))));

        assertThat(codec.decode(fine).header().hostId()).isEqualTo("host-a");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
