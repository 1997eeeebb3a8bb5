package io.nodedex.event.codec;

import static io.nodedex.event.codec.SampleEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.HostRetired;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Events written by agents built with any released schema version still decode. */
class SchemaEvolutionTest {

    private final EventCodec codec = new EventCodec();

    static Stream<Version> history() {
        return SchemaHistory.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("history")
    void eventsWrittenWithEveryReleasedVersionDecodeWithoutLosingAnythingThatVersionCarried(Version version) {
        for (Event event : SampleEvents.everyPayload()) {
            if (event.payload() instanceof HostRetired && version.number() < 3) {
                continue; // v3 introduced it: no older writer could write one
            }
            if ((event.payload() instanceof HostEnrolled || event.payload() instanceof HostReset)
                    && version.number() < 4) {
                continue; // v4 introduced them
            }
            if (event.payload().getClass().getSimpleName().startsWith("Vhba") && version.number() < 5) {
                continue; // v5 introduced them
            }
            byte[] written = HistoricWriter.write(version, event);

            Event decoded = codec.decode(written);

            assertThat(Arrays.copyOfRange(written, 2, 10)).as("the message names %s", version)
                    .isEqualTo(java.util.HexFormat.of().parseHex(Fingerprints.hex(version.fingerprint())));
            assertThat(HistoricWriter.write(version, decoded)).as("what %s carried", version).isEqualTo(written);
        }
    }

    @Test
    void eventsWrittenWithTheNewestVersionByAvroItselfDecodeUnchanged() {
        List<Version> history = SchemaHistory.load();
        Version newest = history.get(history.size() - 1);
        for (Event event : SampleEvents.everyPayload()) {
            assertThat(codec.decode(HistoricWriter.write(newest, event))).isEqualTo(event);
        }
    }

    @Test
    void aVersion1FcHostDecodesWithUnknownPortStateAndSpeed() {
        Version v1 = SchemaHistory.load().get(0);
        Device hba = SampleEvents.hba(7, 0x1000_0090_fa1c_2d3eL);
        FcHost fc = hba.fcHost().orElseThrow();
        assertThat(fc.portState()).contains("Online");
        assertThat(fc.speed()).contains("16 Gbit");

        Device decoded = ((DeviceUpserted) codec.decode(HistoricWriter.write(v1, event(new DeviceUpserted(hba))))
                .payload()).device();

        FcHost expected = new FcHost(fc.wwnn(), fc.wwpn(), fc.fabricWwn(), Optional.empty(), Optional.empty());
        assertThat(decoded.fcHost()).contains(expected);
        assertThat(decoded).isEqualTo(new Device(hba.name(), hba.parent(), hba.sysfsPath(), hba.driver(),
                hba.attributes(), hba.capabilities().stream().map(c -> c instanceof FcHost ? expected : c).toList()));
    }

    @Test
    void aVersion1SnapshotOfATypicalHostDecodesWithEveryDevice() {
        Version v1 = SchemaHistory.load().get(0);
        HostSnapshot snapshot = SampleEvents.typicalHost();

        HostSnapshot decoded = (HostSnapshot) codec.decode(HistoricWriter.write(v1, event(snapshot))).payload();

        assertThat(decoded.devices()).extracting(Device::name)
                .containsExactlyElementsOf(snapshot.devices().stream().map(Device::name).toList());
        assertThat(decoded.devices()).filteredOn(Device::isVportCapable).hasSize(4)
                .allSatisfy(device -> assertThat(device.fcHost().orElseThrow().portState()).isEmpty());
    }
}
