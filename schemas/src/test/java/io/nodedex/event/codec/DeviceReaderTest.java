package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader of a current-schema {@code Device} straight into the model: for any bytes, what
 * Avro's own reader of the generated {@code Device} followed by the model mapping gives.
 */
class DeviceReaderTest {

    private static final Schema DEVICE = io.nodedex.avro.Device.getClassSchema();

    private final DeviceReader reader = new DeviceReader(DEVICE);
    private final DeviceCodec codec = new DeviceCodec();

    static Stream<Long> seeds() {
        return LongStream.range(0, 1000).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void readsEveryDeviceAsAvrosReaderAndTheMappingRead(long seed) {
        Device device = new RandomEvents(seed).device();

        assertThat(outcome(reader, body(codec.encode(device)))).as("seed %d", seed).isEqualTo(device);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aDeviceWithOneByteChangedReadsAsAvrosReaderAndTheMappingReadIt(long seed) {
        RandomEvents random = new RandomEvents(seed);
        byte[] body = body(codec.encode(random.device()));
        body[random.random().nextInt(body.length)] = (byte) random.random().nextInt(256);

        Object avros = avrosOutcome(body);
        if (avros.equals("refused")) {
            // bytes Avro cannot read may also hold a value the model rejects, found first when read in one pass
            assertThat(outcome(reader, body)).as("seed %d", seed).isIn("refused", "invalid");
        } else {
            assertThat(outcome(reader, body)).as("seed %d", seed).isEqualTo(avros);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aTruncatedDeviceIsRefusedAsAvroRefusesIt(long seed) {
        RandomEvents random = new RandomEvents(seed);
        byte[] body = body(codec.encode(random.device()));
        byte[] truncated = Arrays.copyOf(body, random.random().nextInt(body.length));

        assertThat(outcome(reader, truncated)).as("seed %d", seed).isEqualTo("refused").isEqualTo(avrosOutcome(truncated));
    }

    @Test
    void aStringWhoseBytesAreNotUtf8IsTheModelsError() throws IOException {
        byte[] body = {2, (byte) 0xC3, 0, 0, 0, 0, 0}; // name: one byte, a lone UTF-8 lead; nothing else

        assertThatThrownBy(() -> reader.read(decoder(body))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aDeviceRecordOfAnotherShapeIsRefusedAtStartNamingItsFingerprint() {
        Schema other = SchemaBuilder.record("Device").namespace("io.nodedex.avro").fields()
                .requiredString("name").requiredString("serial").endRecord();

        assertThatThrownBy(() -> new DeviceReader(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Fingerprints.hex(Fingerprints.of(other)))
                .hasMessageContaining("this reader follows " + DeviceReader.DEVICE_FINGERPRINT);
    }

    /**
     * The device read with nothing left over, "invalid" for a value the model rejects, or
     * "refused" for bytes that are not a device record.
     */
    private static Object outcome(DeviceReader reader, byte[] body) {
        try {
            BinaryDecoder in = decoder(body);
            Device device = reader.read(in);
            return in.remainingBytes() == 0 ? device : "refused";
        } catch (InvalidInputException e) {
            return "invalid";
        } catch (IOException | RuntimeException e) {
            return "refused";
        }
    }

    /** The same, read by Avro's reader of the generated {@code Device}, then mapped. */
    private static Object avrosOutcome(byte[] body) {
        io.nodedex.avro.Device record;
        try {
            BinaryDecoder in = decoder(body);
            record = GeneratedRecords.model(io.nodedex.avro.Event.getClassSchema()).getFastReaderBuilder()
                    .<io.nodedex.avro.Device>createDatumReader(DEVICE, DEVICE).read(null, in);
            if (in.remainingBytes() != 0) {
                return "refused";
            }
        } catch (IOException | RuntimeException e) {
            return "refused";
        }
        try {
            return AvroMapping.fromAvro(record);
        } catch (InvalidInputException e) {
            return "invalid";
        }
    }

    private static byte[] body(byte[] stored) {
        return Arrays.copyOfRange(stored, SingleObjectReader.HEADER_LENGTH, stored.length);
    }

    private static BinaryDecoder decoder(byte[] body) {
        return DecoderFactory.get().binaryDecoder(body, 0, body.length, null);
    }
}
