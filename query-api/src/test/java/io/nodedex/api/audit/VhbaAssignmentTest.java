package io.nodedex.api.audit;

import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.nodedex.api.audit.VhbaAssignment.ParentStatus;
import io.nodedex.device.Device;
import io.nodedex.indexer.HostDevice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VhbaAssignmentTest {

    @Test
    void everyVhbaIsAssignedItsParentOnItsOwnHostInHostThenNaturalNameOrder() {
        Device parent = liveHba("scsi_host3", 0x2003L, 0x1003L, 0xf0L, 8, 2);
        List<HostDevice> devices = List.of(
                new HostDevice("h2", vhba("scsi_host11", "scsi_host3", 0x2011L, 0x1011L, 0xf0L)),
                new HostDevice("h1", vhba("scsi_host11", "scsi_host3", 0x2111L, 0x1111L, 0xf0L)),
                new HostDevice("h1", pci("pci_0000_05_00_0")),
                new HostDevice("h1", vhba("scsi_host2", Optional.empty(), 0x2112L, 0x1112L, 0xf0L)),
                new HostDevice("h1", vhba("scsi_host10", "pci_0000_05_00_0", 0x2110L, 0x1110L, 0xf0L)),
                new HostDevice("h1", parent));

        List<VhbaAssignment> assignments = VhbaAssignment.of(devices);

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
        assertThat(VhbaAssignment.of(List.of(new HostDevice("h1", liveHba("scsi_host3", 1, 2, 3, 8, 0)),
                new HostDevice("h1", pci("pci_0000_05_00_0"))))).isEmpty();
    }
}
