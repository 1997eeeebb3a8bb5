package io.nodedex.audit;

import static io.nodedex.npiv.FcDevices.fcHost;
import static io.nodedex.npiv.FcDevices.pci;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.nodedex.audit.VhbaAssignment.ParentStatus;
import io.nodedex.device.Device;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VhbaAssignmentTest {

    @Test
    void everyVhbaIsAssignedItsParentOnItsOwnHostInHostThenNaturalNameOrder() {
        Device parent = fcHost("scsi_host3").wwns(0x2003L, 0x1003L).fabric(0xf0L).online().vports(2, 8).build();
        Map<String, List<Device>> hosts = new LinkedHashMap<>();
        hosts.put("h2", List.of(vhba("scsi_host11", "scsi_host3", 0x2011L, 0x1011L)));
        hosts.put("h1", List.of(
                vhba("scsi_host11", "scsi_host3", 0x2111L, 0x1111L),
                pci("pci_0000_05_00_0"),
                fcHost("scsi_host2").wwns(0x2112L, 0x1112L).fabric(0xf0L).build(),
                vhba("scsi_host10", "pci_0000_05_00_0", 0x2110L, 0x1110L),
                parent));

        List<VhbaAssignment> assignments = VhbaAssignment.of(hosts);

        assertThat(assignments).extracting(a -> a.ref().toString(), VhbaAssignment::status).containsExactly(
                tuple("h1/scsi_host2", ParentStatus.NONE),
                tuple("h1/scsi_host10", ParentStatus.NOT_VPORT_CAPABLE),
                tuple("h1/scsi_host11", ParentStatus.OK),
                tuple("h2/scsi_host11", ParentStatus.MISSING));
        assertThat(assignments.get(2).parent()).contains(parent);
        assertThat(assignments.get(3).parent()).isEmpty();
        assertThat(assignments.get(3).parentName()).contains("scsi_host3");
    }

    @Test
    void hbasAndOtherDevicesAreNotVhbas() {
        assertThat(VhbaAssignment.of(Map.of("h1", List.of(
                fcHost("scsi_host3").wwns(1, 2).fabric(3).online().vports(0, 8).build(),
                pci("pci_0000_05_00_0"))))).isEmpty();
    }

    @Test
    void oneVhbaGivenWhatItsParentNameNamesIsAssignedAsOnItsWholeHost() {
        Device parent = fcHost("scsi_host3").wwns(0x2003L, 0x1003L).fabric(0xf0L).online().vports(2, 8).build();
        Device child = vhba("scsi_host11", "scsi_host3", 0x2111L, 0x1111L);
        Device underPci = vhba("scsi_host10", "pci_0000_05_00_0", 0x2110L, 0x1110L);
        Device orphan = fcHost("scsi_host2").wwns(0x2112L, 0x1112L).fabric(0xf0L).build();

        assertThat(VhbaAssignment.of("h1", child, Optional.of(parent)))
                .isEqualTo(new VhbaAssignment("h1", child, Optional.of("scsi_host3"), ParentStatus.OK, Optional.of(parent)));
        assertThat(VhbaAssignment.of("h1", child, Optional.empty()).status()).isEqualTo(ParentStatus.MISSING);
        assertThat(VhbaAssignment.of("h1", underPci, Optional.of(pci("pci_0000_05_00_0"))).status())
                .isEqualTo(ParentStatus.NOT_VPORT_CAPABLE);
        assertThat(VhbaAssignment.of("h1", orphan, Optional.empty()).status()).isEqualTo(ParentStatus.NONE);
    }

    @Test
    void oneVhbaIsRefusedWithAParentItDoesNotNameOrWhenItIsNoVhba() {
        Device parent = fcHost("scsi_host3").wwns(0x2003L, 0x1003L).fabric(0xf0L).online().vports(2, 8).build();

        assertThatThrownBy(() -> VhbaAssignment.of("h1", vhba("scsi_host11", "scsi_host4", 1, 2), Optional.of(parent)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vHBA h1/scsi_host11 names parent scsi_host4, not scsi_host3");
        assertThatThrownBy(() -> VhbaAssignment.of("h1", parent, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("h1/scsi_host3 is not a vHBA");
    }

    /** A vHBA on fabric {@code f0}: an fc_host without vport_ops, naming {@code parent}. */
    private static Device vhba(String name, String parent, long wwnn, long wwpn) {
        return fcHost(name).parent(parent).wwns(wwnn, wwpn).fabric(0xf0L).build();
    }
}
