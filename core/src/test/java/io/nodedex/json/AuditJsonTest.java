package io.nodedex.json;

import static io.nodedex.npiv.FcDevices.fcHost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.Finding.Kind;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.audit.VhbaAssignment.ParentStatus;
import io.nodedex.device.Device;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit's JSON, as {@code GET /v1/audit}, {@code GET /v1/vhbas} and {@code nodedex audit} print it. */
class AuditJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String compact(JsonNode node) throws Exception {
        return MAPPER.writeValueAsString(node);
    }

    @Test
    void findingsListEachKindMessageAndDevicesAndCountEveryKindInOrder() throws Exception {
        List<Finding> findings = List.of(
                new Finding(Kind.DUPLICATE_WWPN, "WWPN 0000000000001003 is used by 2 fc_hosts: h1/scsi_host3,"
                        + " h2/scsi_host7",
                        List.of(new DeviceRef("h1", "scsi_host3"), new DeviceRef("h2", "scsi_host7"))),
                new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA h2/scsi_host7 names no parent",
                        List.of(new DeviceRef("h2", "scsi_host7"))));

        assertThat(compact(AuditJson.findings(findings))).isEqualTo("{\"findings\":["
                + "{\"kind\":\"duplicate_wwpn\","
                + "\"message\":\"WWPN 0000000000001003 is used by 2 fc_hosts: h1/scsi_host3, h2/scsi_host7\","
                + "\"devices\":[{\"host\":\"h1\",\"name\":\"scsi_host3\"},{\"host\":\"h2\",\"name\":\"scsi_host7\"}]},"
                + "{\"kind\":\"vhba_without_parent\",\"message\":\"vHBA h2/scsi_host7 names no parent\","
                + "\"devices\":[{\"host\":\"h2\",\"name\":\"scsi_host7\"}]}],"
                + "\"counts\":{\"duplicate_wwpn\":1,\"vhba_without_parent\":1,\"parent_over_capacity\":0,"
                + "\"fabric_mismatch\":0,\"vport_count_mismatch\":0}}");
    }

    @Test
    void onePageOfFindingsCarriesTheCountsOfAllOfThem() throws Exception {
        List<Finding> page = List.of(new Finding(Kind.VHBA_WITHOUT_PARENT, "vHBA h2/scsi_host7 names no parent",
                List.of(new DeviceRef("h2", "scsi_host7"))));

        assertThat(compact(AuditJson.findings(page, java.util.Map.of(Kind.VHBA_WITHOUT_PARENT, 4L,
                Kind.DUPLICATE_WWPN, 2L)))).isEqualTo("{\"findings\":["
                + "{\"kind\":\"vhba_without_parent\",\"message\":\"vHBA h2/scsi_host7 names no parent\","
                + "\"devices\":[{\"host\":\"h2\",\"name\":\"scsi_host7\"}]}],"
                + "\"counts\":{\"duplicate_wwpn\":2,\"vhba_without_parent\":4,\"parent_over_capacity\":0,"
                + "\"fabric_mismatch\":0,\"vport_count_mismatch\":0}}");
    }

    @Test
    void noFindingsStillCountsEveryKind() throws Exception {
        assertThat(compact(AuditJson.findings(List.of()))).isEqualTo("{\"findings\":[],"
                + "\"counts\":{\"duplicate_wwpn\":0,\"vhba_without_parent\":0,\"parent_over_capacity\":0,"
                + "\"fabric_mismatch\":0,\"vport_count_mismatch\":0}}");
    }

    @Test
    void vhbasNameTheirParentItsStatusAndItsDeviceWhenItExists() throws Exception {
        Device parent = fcHost("scsi_host3").wwns(0x2003L, 0x1003L).fabric(0xf0L).online().vports(1, 8).build();
        Device child = fcHost("scsi_host30").parent("scsi_host3").wwns(0x2030L, 0x1030L).fabric(0xf0L).build();
        Device orphan = fcHost("scsi_host31").wwns(0x2031L, 0x1031L).build();
        List<VhbaAssignment> assignments = List.of(
                new VhbaAssignment("h1", child, Optional.of("scsi_host3"), ParentStatus.OK, Optional.of(parent)),
                new VhbaAssignment("h1", orphan, Optional.empty(), ParentStatus.NONE, Optional.empty()));

        assertThat(compact(AuditJson.vhbas(assignments))).isEqualTo("{\"vhbas\":["
                + "{\"host\":\"h1\",\"name\":\"scsi_host30\","
                + "\"parent\":{\"name\":\"scsi_host3\",\"status\":\"ok\","
                + "\"device\":{\"name\":\"scsi_host3\",\"capabilities\":[{\"type\":\"scsi_host\",\"host\":3},"
                + "{\"type\":\"fc_host\",\"wwnn\":\"0000000000002003\",\"wwpn\":\"0000000000001003\","
                + "\"fabricWwn\":\"00000000000000f0\",\"portState\":\"Online\"},"
                + "{\"type\":\"vport_ops\",\"maxVports\":8,\"vports\":1,\"freeVports\":7}]}},"
                + "\"vhba\":{\"name\":\"scsi_host30\",\"parent\":\"scsi_host3\",\"capabilities\":["
                + "{\"type\":\"scsi_host\",\"host\":30},"
                + "{\"type\":\"fc_host\",\"wwnn\":\"0000000000002030\",\"wwpn\":\"0000000000001030\","
                + "\"fabricWwn\":\"00000000000000f0\"}]}},"
                + "{\"host\":\"h1\",\"name\":\"scsi_host31\",\"parent\":{\"name\":null,\"status\":\"none\"},"
                + "\"vhba\":{\"name\":\"scsi_host31\",\"capabilities\":[{\"type\":\"scsi_host\",\"host\":31},"
                + "{\"type\":\"fc_host\",\"wwnn\":\"0000000000002031\",\"wwpn\":\"0000000000001031\"}]}}]}");
    }
}
