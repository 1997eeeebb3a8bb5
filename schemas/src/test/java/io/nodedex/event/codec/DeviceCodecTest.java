package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCodecTest {

    private final DeviceCodec codec = new DeviceCodec();

    @Test
    void everyDeviceRoundTrips() {
        for (Device device : List.of(SampleEvents.hba(5, 0x1000_0000_c9a1_b2c3L),
                SampleEvents.vhba(11, "scsi_host5", 0x2001_0000_c9a1_b2c3L), SampleEvents.everyCapability())) {
            assertThat(codec.decode(codec.encode(device))).isEqualTo(device);
        }
    }

    @Test
    void equalDevicesEncodeToEqualBytesThatNameTheirSchema() {
        byte[] first = codec.encode(SampleEvents.everyCapability());
        byte[] second = new DeviceCodec().encode(SampleEvents.everyCapability());

        assertThat(first).isEqualTo(second);
        assertThat(first[0]).isEqualTo((byte) 0xC3);
        assertThat(first[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void storedDevicesAreTheBytesAvrosOwnEncoderWritesAndItsDecoderReads() throws Exception {
        for (Device device : List.of(SampleEvents.hba(5, 0x1000_0000_c9a1_b2c3L),
                SampleEvents.vhba(11, "scsi_host5", 0x2001_0000_c9a1_b2c3L), SampleEvents.everyCapability())) {
            io.nodedex.avro.Device record = AvroMapping.toAvro(device);

            assertThat(codec.encode(device)).isEqualTo(RawMessages.encode(record));
            assertThat(io.nodedex.avro.Device.getDecoder().decode(codec.encode(device))).isEqualTo(record);
        }
    }

    @Test
    void aStoredDeviceWithBytesLeftOverIsRefused() {
        byte[] stored = codec.encode(SampleEvents.everyCapability());
        byte[] longer = Arrays.copyOf(stored, stored.length + 2);

        assertThatThrownBy(() -> codec.decode(longer))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageEndingWith("2 bytes left over after the device");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aDeviceStoredWithTheFirstSchemaReadsWithUnknownPortStateAndSpeed() {
        Version v1 = SchemaHistory.load().get(0);
        Device hba = SampleEvents.hba(5, 0x1000_0000_c9a1_b2c3L);

        Device read = codec.decode(HistoricWriter.write(v1, hba));

        FcHost fc = read.fcHost().orElseThrow();
        assertThat(fc.wwpn()).isEqualTo(hba.fcHost().orElseThrow().wwpn());
        assertThat(fc.portState()).isEmpty();
        assertThat(fc.speed()).isEmpty();
    }

    @Test
    void bytesThatAreNoStoredDeviceAreRefusedWithOneExceptionType() {
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("not a stored nodedex device");
        byte[] event = new EventCodec().encode(SampleEvents.everyPayload().get(0));
        assertThatThrownBy(() -> codec.decode(event))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("not a stored nodedex device");
    }
}
