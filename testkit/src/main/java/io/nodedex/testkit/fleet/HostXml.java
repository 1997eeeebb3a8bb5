package io.nodedex.testkit.fleet;

import static io.nodedex.testkit.TestDriverXml.fcHost;
import static io.nodedex.testkit.TestDriverXml.pci;
import static io.nodedex.testkit.TestDriverXml.scsiHost;
import static io.nodedex.testkit.TestDriverXml.vportOps;

import io.nodedex.testkit.TestDriverXml;

/**
 * Writes a simulated host as libvirt sees it: a test-driver host file ({@code test:///PATH.xml},
 * written with {@link TestDriverXml}), a {@code <node>} of {@code <device>}s as
 * {@code virsh nodedev-dumpxml} prints them on a real host. Its vport counts are what the HBA
 * reports (libvirt's test driver itself serves 0); it has no port state (libvirt's XML has none);
 * a Linkdown port keeps the fabric it is cabled to.
 */
final class HostXml {

    private static final String ROOT_PORT_OF_NIC = "0000:00:1c.0";
    private static final String NIC = "0000:01:00";
    private static final String SATA = "0000:00:17.0";
    private static final long DISK_BYTES = 480_103_981_056L;

    private final TestDriverXml xml = new TestDriverXml();

    private HostXml() {
    }

    static String of(SimulatedHost host) {
        HostXml file = new HostXml();
        file.write(host);
        return file.xml.xml();
    }

    private void write(SimulatedHost host) {
        Chassis chassis = host.chassis();
        device("computer", "", "", "", """
                    <capability type='system'>
                      <product>%s</product>
                      <hardware>
                        <vendor>%s</vendor>
                        <serial>%s</serial>
                        <uuid>%s</uuid>
                      </hardware>
                    </capability>
                """.formatted(chassis.product(), chassis.vendor(), chassis.serial(), chassis.uuid()));
        sataDisk(chassis);
        for (int function = 0; function < 2; function++) {
            nicPort(chassis, function);
        }
        for (PhysicalPort port : host.ports()) {
            hba(port);
        }
        for (VirtualPort vhba : host.vhbas()) {
            PhysicalPort parent = host.port(vhba.parentScsiHost());
            device(vhba.name(), "/sys/" + parent.deviceDirectory() + "/" + vhba.vportName() + "/host" + vhba.scsiHost(),
                    parent.name(), "", scsiHost(vhba.scsiHost(), fcHost(vhba.wwnn(), vhba.wwpn(), vhba.fabric())));
        }
    }

    private void sataDisk(Chassis chassis) {
        String pci = TestDriverXml.pciDeviceName(SATA);
        device(pci, "/sys/devices/pci0000:00/" + SATA, "computer", "ahci",
                pci(SATA, "0x010601", "0x8086", "Intel Corporation", "0xa352",
                        "Cannon Lake PCH SATA AHCI Controller"));
        String host = "/sys/devices/pci0000:00/" + SATA + "/ata1/host0";
        device("scsi_host0", host, pci, "", scsiHost(0, ""));
        device("scsi_target0_0_0", host + "/target0:0:0", "scsi_host0", "", """
                    <capability type='scsi_target'>
                      <target>target0:0:0</target>
                    </capability>
                """);
        device("scsi_0_0_0_0", host + "/target0:0:0/0:0:0:0", "scsi_target0_0_0", "sd", """
                    <capability type='scsi'>
                      <host>0</host>
                      <bus>0</bus>
                      <target>0</target>
                      <lun>0</lun>
                      <type>disk</type>
                    </capability>
                """);
        device("block_sda_SAMSUNG_MZ7LH480HAHQ_00005_" + chassis.diskSerial(), host + "/target0:0:0/0:0:0:0/block/sda",
                "scsi_0_0_0_0", "", """
                    <capability type='storage'>
                      <block>/dev/sda</block>
                      <bus>ata</bus>
                      <drive_type>disk</drive_type>
                      <model>SAMSUNG MZ7LH480HAHQ-00005</model>
                      <vendor>ATA</vendor>
                      <serial>SAMSUNG_MZ7LH480HAHQ-00005_%s</serial>
                      <size>%d</size>
                      <logical_block_size>512</logical_block_size>
                      <num_blocks>%d</num_blocks>
                    </capability>
                """.formatted(chassis.diskSerial(), DISK_BYTES, DISK_BYTES / 512));
    }

    private void nicPort(Chassis chassis, int function) {
        String address = NIC + "." + function;
        String pci = TestDriverXml.pciDeviceName(address);
        String path = "/sys/devices/pci0000:00/" + ROOT_PORT_OF_NIC + "/" + address;
        device(pci, path, "computer", "i40e",
                pci(address, "0x020000", "0x8086", "Intel Corporation", "0x1572",
                        "Ethernet Controller X710 for 10GbE SFP+"));
        String nic = "eno" + (function + 1);
        String mac = chassis.mac(function);
        device("net_" + nic + "_" + mac.replace(':', '_'), path + "/net/" + nic, pci, "", """
                    <capability type='net'>
                      <interface>%s</interface>
                      <address>%s</address>
                      <link speed='10000' state='up'/>
                      <capability type='80203'/>
                    </capability>
                """.formatted(nic, mac));
    }

    private void hba(PhysicalPort port) {
        HbaModel model = port.model();
        device(port.pciDeviceName(), "/sys/devices/pci0000:00/" + port.rootPort() + "/" + port.pciAddress(), "computer",
                model.driver(), pci(port.pciAddress(), "0x0c0400", model.pciVendorId(), model.pciVendor(),
                        model.pciProductId(), model.pciProduct()));
        device(port.name(), "/sys/" + port.deviceDirectory(), port.pciDeviceName(), "", scsiHost(port.scsiHost(),
                fcHost(port.wwnn(), port.wwpn(), port.fabric()) + vportOps(port.maxVports(), port.vportsInUse())));
    }

    private void device(String name, String path, String parent, String driver, String capabilities) {
        xml.device(name, path, parent, driver, capabilities);
    }
}
