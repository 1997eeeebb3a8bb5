package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** libvirt's built-in {@code test:///default} host (shared by every connection in the JVM). */
class DefaultTestHostTest {

    private static LibvirtConnection connection;

    @BeforeAll
    static void open() {
        connection = LibvirtConnection.open("test:///default");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void listsTheHbasAndTheVhbaOfTheDefaultHostSorted() {
        List<String> names = connection.listNodeDeviceNames();

        assertThat(names).contains("computer", "scsi_host1", "scsi_host2", "scsi_host11");
        assertThat(names).isSorted();
    }

    @Test
    void scsiHost1IsAVportCapableFcHost() {
        String xml = connection.nodeDeviceXml("scsi_host1");

        assertThat(DeviceXml.text(xml, "/device/name")).isEqualTo("scsi_host1");
        assertThat(DeviceXml.text(xml, "//capability[@type='fc_host']/wwpn"))
                .isEqualTo("1000000012341234");
        assertThat(DeviceXml.text(xml, "//capability[@type='fc_host']/wwnn"))
                .isEqualTo("2000000012341234");
        assertThat(DeviceXml.text(xml, "count(//capability[@type='vport_ops'])")).isEqualTo("1");
    }

    @Test
    void scsiHost11IsAVhbaUnderScsiHost1WithoutVportOps() {
        String xml = connection.nodeDeviceXml("scsi_host11");

        assertThat(DeviceXml.text(xml, "/device/parent")).isEqualTo("scsi_host1");
        assertThat(DeviceXml.text(xml, "//capability[@type='fc_host']/fabric_wwn"))
                .isEqualTo("2000000043214321");
        assertThat(DeviceXml.text(xml, "count(//capability[@type='vport_ops'])")).isEqualTo("0");
    }

    @Test
    void isAliveWhileOpen() {
        assertThat(connection.isAlive()).isTrue();
    }

    @Test
    void keepaliveIsReportedAsUnavailableOnTheInProcessTestDriver() {
        assertThat(connection.setKeepAlive(5, 3)).isFalse();
    }
}
