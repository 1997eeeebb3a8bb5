package io.nodedex.device.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NodeDeviceXmlTest {

    static Path fixture(String name) {
        try {
            return Path.of(NodeDeviceXmlTest.class.getResource("/nodedev-xml/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Device parseFixture(String name) {
        return NodeDeviceXml.parseFile(fixture(name));
    }

    private static Attribute attr(String key, String value) {
        return new Attribute(key, value);
    }

    private static GenericCapability generic(String type, Attribute... attributes) {
        return new GenericCapability(type, List.of(attributes));
    }

    @Test
    void npivCapablePortBecomesScsiHostFcHostAndVportOpsInDocumentOrder() {
        Device device = parseFixture("scsi_host5_npiv_port.xml");

        assertThat(device.name()).isEqualTo("scsi_host5");
        assertThat(device.sysfsPath()).hasValue("/sys/devices/pci0000:00/0000:00:03.0/0000:05:00.0/host5");
        assertThat(device.parent()).hasValue("pci_0000_05_00_0");
        assertThat(device.driver()).isEmpty();
        assertThat(device.attributes()).isEmpty();
        assertThat(device.capabilities()).containsExactly(
                new ScsiHost(5, OptionalInt.of(2)),
                FcHost.of(Wwn.parse("20000090fa1c2d3e"), Wwn.parse("10000090fa1c2d3e"),
                        Optional.of(Wwn.parse("100000051e9a0b01"))),
                new VportOps(127, 3));
        assertThat(device.isVportCapable()).isTrue();
    }

    @Test
    void vhbaHasFcHostButNoVportOps() {
        Device device = parseFixture("scsi_host7_vhba.xml");

        assertThat(device.parent()).hasValue("scsi_host5");
        assertThat(device.capabilities()).containsExactly(
                new ScsiHost(7, OptionalInt.of(4)),
                FcHost.of(Wwn.parse("5001a4a1b2c3d4e5"), Wwn.parse("5001a4a1b2c3d4e6"),
                        Optional.of(Wwn.parse("100000051e9a0b01"))));
        assertThat(device.isVhba()).isTrue();
    }

    @Test
    void scsiTargetKeepsItsTargetGenericallyAndItsRemotePortTypedWithThe0xPrefixedWwpnParsed() {
        Device device = parseFixture("scsi_target7_0_3.xml");

        assertThat(device.capabilities()).containsExactly(
                generic("scsi_target", attr("target", "target7:0:3")),
                new FcRemotePort("rport-7:0-3", new Wwn(0x50060e8016d3a104L)));
    }

    @Test
    void pciPhysicalFunctionKeepsEveryFieldAsOrderedAttributesAndVirtFunctionsAsItsOwnCapability() {
        Device device = parseFixture("pci_0000_05_00_0_sriov_pf.xml");

        assertThat(device.driver()).hasValue("lpfc");
        assertThat(device.capabilities()).containsExactly(
                generic("pci",
                        attr("class", "0x0c0400"),
                        attr("domain", "0"),
                        attr("bus", "5"),
                        attr("slot", "0"),
                        attr("function", "0"),
                        attr("product@id", "0xe200"),
                        attr("product", "LPe15000/LPe16000 Series 8Gb/16Gb Fibre Channel Adapter"),
                        attr("vendor@id", "0x10df"),
                        attr("vendor", "Emulex Corporation"),
                        attr("iommuGroup@number", "17"),
                        attr("iommuGroup/address@domain", "0x0000"),
                        attr("iommuGroup/address@bus", "0x05"),
                        attr("iommuGroup/address@slot", "0x00"),
                        attr("iommuGroup/address@function", "0x0"),
                        attr("iommuGroup/address@domain", "0x0000"),
                        attr("iommuGroup/address@bus", "0x05"),
                        attr("iommuGroup/address@slot", "0x00"),
                        attr("iommuGroup/address@function", "0x1"),
                        attr("numa@node", "0"),
                        attr("pci-express/link@validity", "cap"),
                        attr("pci-express/link@port", "0"),
                        attr("pci-express/link@speed", "8"),
                        attr("pci-express/link@width", "8"),
                        attr("pci-express/link@validity", "sta"),
                        attr("pci-express/link@speed", "5"),
                        attr("pci-express/link@width", "8")),
                generic("virt_functions",
                        attr("@maxCount", "16"),
                        attr("address@domain", "0x0000"),
                        attr("address@bus", "0x05"),
                        attr("address@slot", "0x00"),
                        attr("address@function", "0x2"),
                        attr("address@domain", "0x0000"),
                        attr("address@bus", "0x05"),
                        attr("address@slot", "0x00"),
                        attr("address@function", "0x3")));
    }

    @Test
    void pciVirtualFunctionKeepsPhysFunctionBridgeAndAnEmptyPciExpressElement() {
        Device device = parseFixture("pci_0000_05_00_2_sriov_vf.xml");

        assertThat(device.capabilities()).containsExactly(
                generic("pci",
                        attr("domain", "0"),
                        attr("bus", "5"),
                        attr("slot", "0"),
                        attr("function", "2"),
                        attr("product@id", "0xe208"),
                        attr("vendor@id", "0x10df"),
                        attr("vendor", "Emulex Corporation"),
                        attr("pci-express", "")),
                generic("phys_function",
                        attr("address@domain", "0x0000"),
                        attr("address@bus", "0x05"),
                        attr("address@slot", "0x00"),
                        attr("address@function", "0x0")),
                generic("pci-bridge"));
    }

    @Test
    void storageKeepsDevnodesAsDeviceAttributesAndRemovableAsItsOwnCapability() {
        Device device = parseFixture("storage_serial_disk.xml");

        assertThat(device.name()).isEqualTo("storage_serial_60060e8016d3a1040000d3a100000042");
        assertThat(device.parent()).hasValue("scsi_5_0_0_1");
        assertThat(device.attributes()).containsExactly(
                attr("devnode@type", "dev"),
                attr("devnode", "/dev/sdc"),
                attr("devnode@type", "link"),
                attr("devnode", "/dev/disk/by-id/wwn-0x60060e8016d3a1040000d3a100000042"),
                attr("devnode@type", "link"),
                attr("devnode", "/dev/disk/by-path/pci-0000:05:00.0-fc-0x50060e8016d3a104-lun-1"));
        assertThat(device.capabilities()).containsExactly(
                generic("storage",
                        attr("block", "/dev/sdc"),
                        attr("bus", "scsi"),
                        attr("drive_type", "disk"),
                        attr("model", "OPEN-V"),
                        attr("vendor", "HITACHI"),
                        attr("serial", "60060e8016d3a1040000d3a100000042")),
                generic("removable",
                        attr("media_available", "1"),
                        attr("media_size", "107374182400"),
                        attr("media_label", "ARRAY_LUN_42")),
                generic("hotpluggable"));
    }

    @Test
    void netDeviceKeepsLinkFeaturesAndItsSubtype() {
        Device device = parseFixture("net_ens1f0.xml");

        assertThat(device.capabilities()).containsExactly(
                generic("net",
                        attr("interface", "ens1f0"),
                        attr("address", "3c:fd:fe:a1:b2:c3"),
                        attr("link@speed", "25000"),
                        attr("link@state", "up"),
                        attr("feature@name", "rx"),
                        attr("feature@name", "tx"),
                        attr("feature@name", "sg")),
                generic("80203"));
    }

    @Test
    void systemDeviceKeepsNestedHardwareAndFirmwareFields() {
        Device device = parseFixture("computer.xml");

        assertThat(device.parent()).isEmpty();
        assertThat(device.sysfsPath()).isEmpty();
        assertThat(device.capabilities()).containsExactly(
                generic("system",
                        attr("product", "PowerEdge R750"),
                        attr("hardware/vendor", "Dell Inc."),
                        attr("hardware/version", "1.0"),
                        attr("hardware/serial", "7XQ2J93"),
                        attr("hardware/uuid", "4c4c4544-0058-5110-8032-b7c04f4a3933"),
                        attr("firmware/vendor", "Dell Inc."),
                        attr("firmware/version", "1.9.2"),
                        attr("firmware/release_date", "11/14/2022")));
    }

    @Test
    void unknownFutureCapabilityTypeIsKeptGenericallyWithItsNestedCapability() {
        Device device = parseFixture("quantum_link0.xml");

        assertThat(device.capabilities()).containsExactly(
                generic("quantum_link",
                        attr("@generation", "2"),
                        attr("entanglement@pairs", "4096"),
                        attr("entanglement", "stable"),
                        attr("peer@id", "a"),
                        attr("peer", "node-a"),
                        attr("peer@id", "b"),
                        attr("peer", "node-b")),
                generic("teleport", attr("fidelity", "0.99")));
        assertThat(device.hasCapability("quantum_link")).isTrue();
    }

    @Test
    void usbDeviceKeepsIdsNamesDevnodeAndDriver() {
        Device device = parseFixture("usb_device_3_2.xml");

        assertThat(device.driver()).hasValue("usb");
        assertThat(device.attributes()).containsExactly(
                attr("devnode@type", "dev"), attr("devnode", "/dev/bus/usb/003/004"));
        assertThat(device.capabilities()).containsExactly(
                generic("usb_device",
                        attr("bus", "3"),
                        attr("device", "4"),
                        attr("product@id", "0x5591"),
                        attr("product", "Ultra Flair"),
                        attr("vendor@id", "0x0781"),
                        attr("vendor", "SanDisk Corp.")));
    }

    @Test
    void wwnsInAnyCaseAndWithPrefixAreStoredAsNumbers() {
        Device device = NodeDeviceXml.parse("""
                <device>
                  <name>scsi_host9</name>
                  <capability type='scsi_host'>
                    <host>9</host>
                    <capability type='fc_host'>
                      <wwnn>0x20000090FA1C2D3E</wwnn>
                      <wwpn>10000090Fa1c2d3e</wwpn>
                    </capability>
                  </capability>
                </device>""", "libvirt device scsi_host9");

        FcHost fcHost = device.fcHost().orElseThrow();
        assertThat(fcHost.wwnn()).isEqualTo(new Wwn(0x20000090fa1c2d3eL));
        assertThat(fcHost.wwpn().toString()).isEqualTo("10000090fa1c2d3e");
        assertThat(fcHost.fabricWwn()).isEmpty();
        assertThat(device.capability(ScsiHost.class)).hasValue(new ScsiHost(9, OptionalInt.empty()));
    }

    @Test
    void fcHostAcceptsStateAndSpeedWhenPresent() {
        Device device = NodeDeviceXml.parse("""
                <device><name>scsi_host3</name>
                  <capability type='scsi_host'><host>3</host>
                    <capability type='fc_host'>
                      <wwnn>2000000000000001</wwnn><wwpn>1000000000000001</wwpn>
                      <state>Linkdown</state><speed>16 Gbit</speed>
                    </capability>
                  </capability>
                </device>""", "test");

        FcHost fcHost = device.fcHost().orElseThrow();
        assertThat(fcHost.portState()).hasValue("Linkdown");
        assertThat(fcHost.speed()).hasValue("16 Gbit");
    }

    @Test
    void vportOpsWithoutCountsMeansUnknownCapacity() {
        Device device = NodeDeviceXml.parse("""
                <device><name>scsi_host1</name>
                  <capability type='scsi_host'><host>1</host>
                    <capability type='fc_host'><wwnn>2000000000000001</wwnn><wwpn>1000000000000001</wwpn></capability>
                    <capability type='vport_ops'/>
                  </capability>
                </device>""", "test");

        assertThat(device.vportOps()).hasValue(new VportOps(0, 0));
        assertThat(device.vportOps().orElseThrow().capacityKnown()).isFalse();
    }

    @Test
    void unknownDeviceLevelElementsAndAttributesAreKeptAndTextIsStripped() {
        Device device = NodeDeviceXml.parse("""
                <device flavour='x'>
                  <name>
                     mdev_0b5e4f2c_7a0c_4e02_9d7c_5e1a2b3c4d5e
                  </name>
                  <parent>css_0_0_0023</parent>
                  <driver><name>vfio_ccw_mdev</name><version> 2 </version></driver>
                  <capability type='mdev'>
                    <type id='vfio_ccw-io'/>
                    <uuid>0b5e4f2c-7a0c-4e02-9d7c-5e1a2b3c4d5e</uuid>
                    <iommuGroup number='0'/>
                    <attr name='assign_adapter' value='5'/>
                  </capability>
                  <future_thing level='3'>
                    <inner/>
                  </future_thing>
                </device>""", "test");

        assertThat(device.name()).isEqualTo("mdev_0b5e4f2c_7a0c_4e02_9d7c_5e1a2b3c4d5e");
        assertThat(device.driver()).hasValue("vfio_ccw_mdev");
        assertThat(device.attributes()).containsExactly(
                attr("@flavour", "x"),
                attr("driver/version", "2"),
                attr("future_thing@level", "3"),
                attr("future_thing/inner", ""));
        assertThat(device.capabilities()).containsExactly(
                generic("mdev",
                        attr("type@id", "vfio_ccw-io"),
                        attr("uuid", "0b5e4f2c-7a0c-4e02-9d7c-5e1a2b3c4d5e"),
                        attr("iommuGroup@number", "0"),
                        attr("attr@name", "assign_adapter"),
                        attr("attr@value", "5")));
    }

    @Test
    void parentGivenByWwnsIsKeptAsNormalisedAttributes() {
        Device device = NodeDeviceXml.parse("""
                <device>
                  <name>scsi_host12</name>
                  <parent wwnn='0x20000090FA1C2D3E' wwpn='10000090fa1c2d3e'/>
                  <capability type='scsi_host'>
                    <host>12</host>
                    <capability type='fc_host'><wwnn>5001a4a1b2c3d4e5</wwnn><wwpn>5001a4a1b2c3d4e6</wwpn></capability>
                  </capability>
                </device>""", "test");

        assertThat(device.parent()).isEmpty();
        assertThat(device.attributes()).containsExactly(
                attr("parent@wwnn", "20000090fa1c2d3e"), attr("parent@wwpn", "10000090fa1c2d3e"));
    }

    @Test
    void cssAndApCapabilitiesWithChannelAddressAndMdevTypesAreKept() {
        Device device = NodeDeviceXml.parse("""
                <device>
                  <name>css_0_0_0023</name>
                  <path>/sys/devices/css0/0.0.0023</path>
                  <parent>computer</parent>
                  <capability type='css'>
                    <cssid>0x0</cssid>
                    <ssid>0x0</ssid>
                    <devno>0x0023</devno>
                    <channel_dev_addr>
                      <cssid>0x0</cssid>
                      <ssid>0x0</ssid>
                      <devno>0x0008</devno>
                    </channel_dev_addr>
                    <capability type='mdev_types'>
                      <type id='vfio_ccw-io'>
                        <name>I/O subchannel (Non-QDIO)</name>
                        <deviceAPI>vfio-ccw</deviceAPI>
                        <availableInstances>1</availableInstances>
                      </type>
                    </capability>
                  </capability>
                </device>""", "test");

        List<Capability> capabilities = device.capabilities();
        assertThat(capabilities).containsExactly(
                generic("css",
                        attr("cssid", "0x0"), attr("ssid", "0x0"), attr("devno", "0x0023"),
                        attr("channel_dev_addr/cssid", "0x0"), attr("channel_dev_addr/ssid", "0x0"),
                        attr("channel_dev_addr/devno", "0x0008")),
                generic("mdev_types",
                        attr("type@id", "vfio_ccw-io"),
                        attr("type/name", "I/O subchannel (Non-QDIO)"),
                        attr("type/deviceAPI", "vfio-ccw"),
                        attr("type/availableInstances", "1")));
    }
}
