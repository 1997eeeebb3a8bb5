package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.testkit.TestDriverXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts loaded by libvirt's test driver from {@code test:///ABSOLUTE/PATH.xml}: a {@code <node>}
 * root with one {@code <device>} per node device. The test driver insists on a system UUID on the
 * {@code system} device and reports vport counters as 0 whatever the file says.
 */
class HostFileTest {

    static final String HOST_XML = "<node>\n" + TestDriverXml.SYSTEM_DEVICE + """
              <device>
                <name>pci_0000_04_00_0</name>
                <parent>computer</parent>
                <capability type='pci'>
                  <domain>0</domain>
                  <bus>4</bus>
                  <slot>0</slot>
                  <function>0</function>
                  <product id='0xe200'>LPe12002 Fibre Channel Host Adapter</product>
                  <vendor id='0x10df'>Emulex Corporation</vendor>
                </capability>
              </device>
              <device>
                <name>net_eth0_52_54_00_12_34_56</name>
                <parent>computer</parent>
                <capability type='net'>
                  <interface>eth0</interface>
                  <address>52:54:00:12:34:56</address>
                </capability>
              </device>
            %s%s%s
              <device>
                <name>scsi_host11</name>
                <parent>scsi_host3</parent>
                <capability type='scsi_host'>
                  <host>11</host>
                  <unique_id>11</unique_id>
                  <capability type='fc_host'>
                    <wwnn>20000090fa1c0011</wwnn>
                    <wwpn>10000090fa1c0011</wwpn>
                    <fabric_wwn>100000051e9a0b01</fabric_wwn>
                  </capability>
                </capability>
              </device>
            </node>
            """.formatted(
            hba("scsi_host3", "0090fa1c2d3e", "100000051e9a0b01"),
            hba("scsi_host4", "0090fa1c2d3f", "100000051e9a0b01"),
            hba("scsi_host5", "0090fa1c2d40", "100000051e9a0b02"));

    static final List<String> HOST_DEVICES = List.of("computer", "net_eth0_52_54_00_12_34_56",
            "pci_0000_04_00_0", "scsi_host11", "scsi_host3", "scsi_host4", "scsi_host5");

    @TempDir
    Path dir;
    private String uri;

    @BeforeEach
    void writeHostFile() throws IOException {
        Path file = dir.resolve("host.xml");
        Files.writeString(file, HOST_XML);
        uri = "test://" + file.toAbsolutePath();
    }

    @Test
    void listsEveryDeviceOfTheHostFileSorted() {
        try (LibvirtConnection connection = LibvirtConnection.open(uri)) {
            assertThat(connection.listNodeDeviceNames()).isEqualTo(HOST_DEVICES);
        }
    }

    @Test
    void returnsTheDevicesAsWritten() {
        try (LibvirtConnection connection = LibvirtConnection.open(uri)) {
            String hba = connection.nodeDeviceXml("scsi_host4");
            String vhba = connection.nodeDeviceXml("scsi_host11");
            String pci = connection.nodeDeviceXml("pci_0000_04_00_0");
            String net = connection.nodeDeviceXml("net_eth0_52_54_00_12_34_56");

            assertThat(DeviceXml.text(hba, "/device/parent")).isEqualTo("pci_0000_04_00_0");
            assertThat(DeviceXml.text(hba, "//capability[@type='fc_host']/wwpn"))
                    .isEqualTo("1000" + "0090fa1c2d3f");
            assertThat(DeviceXml.text(hba, "count(//capability[@type='vport_ops'])"))
                    .isEqualTo("1");
            assertThat(DeviceXml.text(vhba, "/device/parent")).isEqualTo("scsi_host3");
            assertThat(DeviceXml.text(vhba, "count(//capability[@type='vport_ops'])"))
                    .isEqualTo("0");
            assertThat(DeviceXml.text(pci, "//vendor/@id")).isEqualTo("0x10df");
            assertThat(DeviceXml.text(net, "//interface")).isEqualTo("eth0");
        }
    }

    @Test
    void xmlReadBackLoadsIntoAnIdenticalHost() throws IOException {
        String devices;
        List<String> firstXml;
        try (LibvirtConnection first = LibvirtConnection.open(uri)) {
            firstXml = HOST_DEVICES.stream().map(first::nodeDeviceXml).toList();
            devices = firstXml.stream().collect(Collectors.joining("\n"));
        }
        Path copy = dir.resolve("copy.xml");
        Files.writeString(copy, "<node>\n" + devices + "</node>\n");

        try (LibvirtConnection second = LibvirtConnection.open("test://" + copy)) {
            assertThat(second.listNodeDeviceNames()).isEqualTo(HOST_DEVICES);
            assertThat(HOST_DEVICES.stream().map(second::nodeDeviceXml).toList())
                    .isEqualTo(firstXml);
        }
    }

    @Test
    void eachConnectionToTheSameFileHasItsOwnHost() {
        try (LibvirtConnection changed = LibvirtConnection.open(uri);
             LibvirtConnection untouched = LibvirtConnection.open(uri);
             LibvirtConnection shared = LibvirtConnection.open("test:///default")) {
            String vhba = changed.createNodeDevice(
                    TestDriverXml.vhbaRequest("scsi_host3", "20000090fa1c0012", "10000090fa1c0012"));
            changed.destroyNodeDevice("scsi_host11");

            assertThat(changed.listNodeDeviceNames()).contains(vhba).doesNotContain("scsi_host11");
            assertThat(untouched.listNodeDeviceNames()).isEqualTo(HOST_DEVICES);
            assertThat(shared.listNodeDeviceNames()).doesNotContain(vhba, "scsi_host3");
        }
    }

    private static String hba(String name, String wwnSuffix, String fabric) {
        return """
                  <device>
                    <name>%s</name>
                    <parent>pci_0000_04_00_0</parent>
                    <capability type='scsi_host'>
                      <host>%s</host>
                      <unique_id>%s</unique_id>
                      <capability type='fc_host'>
                        <wwnn>2000%s</wwnn>
                        <wwpn>1000%s</wwpn>
                        <fabric_wwn>%s</fabric_wwn>
                      </capability>
                      <capability type='vport_ops'>
                        <max_vports>255</max_vports>
                        <vports>0</vports>
                      </capability>
                    </capability>
                  </device>
                """.formatted(name, name.substring("scsi_host".length()),
                name.substring("scsi_host".length()), wwnSuffix, wwnSuffix, fabric);
    }
}
