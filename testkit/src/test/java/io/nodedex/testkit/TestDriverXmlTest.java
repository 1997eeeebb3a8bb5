package io.nodedex.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.device.xml.TestDriverHostFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libvirt test-driver host files and node-device XML. */
class TestDriverXmlTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceIsWrittenAsVirshPrintsIt() {
        String xml = new TestDriverXml().device("scsi_host3", "/sys/devices/x/host3", "pci_0000_05_00_0", "lpfc",
                TestDriverXml.scsiHost(3, TestDriverXml.fcHost(new Wwn(0x20L), new Wwn(0x10L), new Wwn(0xf0L))
                        + TestDriverXml.vportOps(255, 2))).xml();

        assertThat(xml).isEqualTo("""
                <node>
                  <device>
                    <name>scsi_host3</name>
                    <path>/sys/devices/x/host3</path>
                    <parent>pci_0000_05_00_0</parent>
                    <driver>
                      <name>lpfc</name>
                    </driver>
                    <capability type='scsi_host'>
                      <host>3</host>
                      <unique_id>3</unique_id>
                      <capability type='fc_host'>
                        <wwnn>0000000000000020</wwnn>
                        <wwpn>0000000000000010</wwpn>
                        <fabric_wwn>00000000000000f0</fabric_wwn>
                      </capability>
                      <capability type='vport_ops'>
                        <max_vports>255</max_vports>
                        <vports>2</vports>
                      </capability>
                    </capability>
                  </device>
                </node>
                """);
    }

    @Test
    void aHostOfAGivenSizeHasItsHbasVhbasAndNics() {
        Path file = dir.resolve("host.xml");

        String uri = TestDriverXml.write(file, 2, 1, 1);

        assertThat(uri).isEqualTo("test://" + file.toAbsolutePath());
        List<Device> devices = TestDriverHostFile.read(file);
        assertThat(devices).hasSize(TestDriverXml.deviceCount(2, 1, 1)).hasSize(8);
        assertThat(devices).extracting(Device::name).containsExactlyInAnyOrder("computer", "pci_0000_01_00_0",
                "pci_0000_02_00_0", "scsi_host1", "scsi_host2", "scsi_host3", "scsi_host4", "net_eth0_52_54_00_00_00_00");
        Device vhba = devices.stream().filter(d -> d.name().equals("scsi_host4")).findFirst().orElseThrow();
        assertThat(vhba.parent()).contains("scsi_host2");
        assertThat(vhba.isVhba()).isTrue();
        assertThat(vhba.fcHost().orElseThrow().wwpn()).isEqualTo(Wwn.parse("1000000000000004"));
        assertThat(vhba.fcHost().orElseThrow().fabricWwn()).contains(Wwn.parse("1000000500000000"));
        assertThat(devices.stream().filter(Device::isVportCapable)).extracting(Device::name)
                .containsExactlyInAnyOrder("scsi_host1", "scsi_host2");
    }

    @Test
    void aVhbaRequestNamesItsParentAndWwns() {
        assertThat(TestDriverXml.vhbaRequest("scsi_host1", "2001001b32a9da4f", "2101001b32a9da4f")).isEqualTo("""
                <device>
                  <parent>scsi_host1</parent>
                  <capability type='scsi_host'>
                    <capability type='fc_host'>
                      <wwnn>2001001b32a9da4f</wwnn>
                      <wwpn>2101001b32a9da4f</wwpn>
                    </capability>
                  </capability>
                </device>
                """);
    }
}
