package io.nodedex.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.json.DeviceFields.FieldChange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What changed between two versions of a device, in the names a person reads. */
class DeviceFieldsTest {

    private static Device hba(String portState, int vports, Optional<String> speed, Optional<String> driver) {
        return new Device("scsi_host3", Optional.of("pci_0000_05_00_0"), Optional.empty(), driver, List.of(),
                List.of(new FcHost(new Wwn(0x2000_0000_0000_00a1L), new Wwn(0x1000_0000_0000_00a1L),
                        Optional.of(new Wwn(0x2000_0000_4321_4321L)), Optional.of(portState), speed),
                        new VportOps(255, vports)));
    }

    @Test
    void aPortThatWentDownAndGainedAVportShowsBothFieldsOldToNew() {
        Device before = hba("Online", 2, Optional.of("16 Gbit"), Optional.of("lpfc"));
        Device after = hba("Linkdown", 3, Optional.of("16 Gbit"), Optional.of("lpfc"));

        assertThat(DeviceFields.between(before, after)).containsExactly(
                new FieldChange("fc_host portState", Optional.of("Online"), Optional.of("Linkdown")),
                new FieldChange("vport_ops freeVports", Optional.of("253"), Optional.of("252")),
                new FieldChange("vport_ops vports", Optional.of("2"), Optional.of("3")));
    }

    @Test
    void aFieldThatAppearsHasNoOldValueAndOneThatGoesNoNewOne() {
        Device before = hba("Online", 2, Optional.empty(), Optional.of("lpfc"));
        Device after = hba("Online", 2, Optional.of("8 Gbit"), Optional.empty());

        assertThat(DeviceFields.between(before, after)).containsExactly(
                new FieldChange("driver", Optional.of("lpfc"), Optional.empty()),
                new FieldChange("fc_host speed", Optional.empty(), Optional.of("8 Gbit")));
    }

    @Test
    void equalDevicesDifferInNothing() {
        Device device = hba("Online", 2, Optional.of("16 Gbit"), Optional.of("lpfc"));

        assertThat(DeviceFields.between(device, device)).isEmpty();
    }
}
