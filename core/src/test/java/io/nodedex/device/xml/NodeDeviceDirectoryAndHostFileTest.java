package io.nodedex.device.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.ScsiHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDeviceDirectoryAndHostFileTest {

    private static String scsiHost(int n) {
        return "<device><name>scsi_host" + n + "</name><capability type='scsi_host'><host>" + n
                + "</host></capability></device>";
    }

    @Test
    void directoryReadsEveryXmlFileAndSortsDevicesInNaturalNameOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.xml"), scsiHost(10));
        Files.writeString(dir.resolve("a.xml"), scsiHost(2));
        Files.writeString(dir.resolve("c.xml"), scsiHost(1));
        Files.writeString(dir.resolve("notes.txt"), "not xml, not read");
        Files.createDirectory(dir.resolve("sub.xml"));

        assertThat(NodeDeviceXml.parseDirectory(dir)).extracting(Device::name)
                .containsExactly("scsi_host1", "scsi_host2", "scsi_host10");
    }

    @Test
    void directoryOfProjectFixturesParses() throws Exception {
        Path dir = NodeDeviceXmlTest.fixture("computer.xml").getParent();

        assertThat(NodeDeviceXml.parseDirectory(dir)).extracting(Device::name).containsExactly(
                "computer", "net_ens1f0_3c_fd_fe_a1_b2_c3", "pci_0000_05_00_0", "pci_0000_05_00_2",
                "quantum_link0", "scsi_host5", "scsi_host7", "scsi_target7_0_3",
                "storage_serial_60060e8016d3a1040000d3a100000042", "usb_3_2");
    }

    @Test
    void directoryWithTwoFilesDefiningTheSameNameFailsNamingBoth(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("first.xml"), scsiHost(5));
        Files.writeString(dir.resolve("second.xml"), scsiHost(5));

        assertThatThrownBy(() -> NodeDeviceXml.parseDirectory(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir + ": device name 'scsi_host5' is defined by both first.xml and second.xml");
    }

    @Test
    void directoryWithABadFileFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.xml"), scsiHost(1));
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<device>");

        assertThatThrownBy(() -> NodeDeviceXml.parseDirectory(dir)).hasMessageStartingWith(bad.toString());
    }

    @Test
    void missingDirectoryIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> NodeDeviceXml.parseDirectory(dir.resolve("nope")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope: cannot list node device XML files");
    }

    @Test
    void hostFileYieldsOnlyItsDevicesSortedAndIgnoresOtherChildren(@TempDir Path dir) throws IOException {
        Path hostFile = Files.writeString(dir.resolve("host.xml"), """
                <?xml version='1.0' encoding='UTF-8'?>
                <node>
                  <cpu><mhz>2400</mhz></cpu>
                  <domain type='test'><name>vm1</name><memory>1024</memory></domain>
                  <device>
                    <name>scsi_host11</name>
                    <parent>scsi_host1</parent>
                    <capability type='scsi_host'>
                      <host>11</host>
                      <capability type='fc_host'>
                        <wwnn>2000000012341234</wwnn><wwpn>1000000012341235</wwpn>
                        <fabric_wwn>2000000043214321</fabric_wwn>
                      </capability>
                    </capability>
                  </device>
                  <network><name>default</name></network>
                  <device>
                    <name>scsi_host1</name>
                    <parent>computer</parent>
                    <capability type='scsi_host'>
                      <host>1</host>
                      <capability type='fc_host'>
                        <wwnn>2000000012341234</wwnn><wwpn>1000000012341234</wwpn>
                        <fabric_wwn>2000000043214321</fabric_wwn>
                      </capability>
                      <capability type='vport_ops'><max_vports>0</max_vports><vports>0</vports></capability>
                    </capability>
                  </device>
                  <pool type='dir'><name>default-pool</name></pool>
                  <device><name>computer</name><capability type='system'><hardware><uuid>4c4c4544-0000-0000-0000-000000000000</uuid></hardware><firmware/></capability></device>
                </node>""");

        var devices = TestDriverHostFile.read(hostFile);

        assertThat(devices).extracting(Device::name).containsExactly("computer", "scsi_host1", "scsi_host11");
        assertThat(devices.get(1).isVportCapable()).isTrue();
        assertThat(devices.get(2).isVhba()).isTrue();
        assertThat(devices.get(2).parent()).hasValue("scsi_host1");
    }

    @Test
    void hostFileDeviceMayComeFromAFileNextToIt(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("devices"));
        Files.writeString(dir.resolve("devices/scsi_host3.xml"), scsiHost(3));
        Path hostFile = Files.writeString(dir.resolve("host.xml"),
                "<node><device file='devices/scsi_host3.xml'/>" + scsiHost(4) + "</node>");

        var devices = TestDriverHostFile.read(hostFile);

        assertThat(devices).extracting(Device::name).containsExactly("scsi_host3", "scsi_host4");
        assertThat(devices.get(0).capability(ScsiHost.class)).hasValue(new ScsiHost(3, OptionalInt.empty()));
    }

    @Test
    void hostFileWithDuplicateDeviceNamesFailsNamingTheLines(@TempDir Path dir) throws IOException {
        Path hostFile = Files.writeString(dir.resolve("host.xml"),
                "<node>\n" + scsiHost(1) + "\n" + scsiHost(1) + "\n</node>");

        assertThatThrownBy(() -> TestDriverHostFile.read(hostFile))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(hostFile + ": line 3")
                .hasMessageContaining("device name 'scsi_host1' is already defined at line 2");
    }

    @Test
    void hostFileWithABadDeviceNamesTheFileAndTheDevice(@TempDir Path dir) throws IOException {
        Path hostFile = Files.writeString(dir.resolve("host.xml"), """
                <node>
                  <device><name>scsi_host2</name>
                    <capability type='scsi_host'><host>2</host>
                      <capability type='fc_host'><wwnn>xyz</wwnn><wwpn>1000000012341234</wwpn></capability>
                    </capability>
                  </device>
                </node>""");

        assertThatThrownBy(() -> TestDriverHostFile.read(hostFile))
                .hasMessageStartingWith(hostFile + ": device 'scsi_host2': line 4")
                .hasMessageContaining("'xyz'");
    }

    @Test
    void fileThatIsNotAHostFileIsRejected(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("device.xml"), scsiHost(1));

        assertThatThrownBy(() -> TestDriverHostFile.read(file))
                .hasMessageContaining("expected a <node> test-driver host file, found <device>");
    }
}
