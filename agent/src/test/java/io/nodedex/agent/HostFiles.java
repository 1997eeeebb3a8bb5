package io.nodedex.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes libvirt test-driver host files ({@code test:///ABS/PATH.xml}): a {@code computer}
 * (with the system UUID the test driver insists on), NPIV-capable FC HBAs each on its own PCI
 * function, vHBAs under them, and network interfaces as filler.
 */
public final class HostFiles {

    /** The {@code computer} device, with the system UUID libvirt's test driver refuses to start without. */
    static final String SYSTEM_DEVICE = """
              <device>
                <name>computer</name>
                <capability type='system'>
                  <hardware>
                    <vendor>nodedex</vendor>
                    <uuid>5b0c2c9e-6f43-4e56-9a7e-1c2d3e4f5a6b</uuid>
                  </hardware>
                </capability>
              </device>
            """;

    private HostFiles() {
    }

    /** Devices in a host written by {@link #write}: computer, per HBA a PCI function, the HBA and its vHBAs, then the NICs. */
    public static int deviceCount(int hbas, int vhbasPerHba, int nics) {
        return 1 + hbas * (2 + vhbasPerHba) + nics;
    }

    /** Writes the host to {@code file} and returns its {@code test://} URI. */
    public static String write(Path file, int hbas, int vhbasPerHba, int nics) throws IOException {
        StringBuilder xml = new StringBuilder("<node>\n").append(SYSTEM_DEVICE);
        int nextVhbaHost = hbas + 1;
        for (int hba = 1; hba <= hbas; hba++) {
            String pci = "pci_0000_%02x_00_0".formatted(hba);
            xml.append(pci(pci, hba));
            xml.append(fcHost("scsi_host" + hba, pci, hba, true));
            for (int v = 0; v < vhbasPerHba; v++) {
                xml.append(fcHost("scsi_host" + nextVhbaHost, "scsi_host" + hba, nextVhbaHost, false));
                nextVhbaHost++;
            }
        }
        for (int nic = 0; nic < nics; nic++) {
            String mac = "52:54:00:%02x:%02x:%02x".formatted(nic >> 16 & 0xff, nic >> 8 & 0xff, nic & 0xff);
            xml.append("""
                      <device>
                        <name>net_eth%d_%s</name>
                        <parent>computer</parent>
                        <capability type='net'>
                          <interface>eth%d</interface>
                          <address>%s</address>
                        </capability>
                      </device>
                    """.formatted(nic, mac.replace(':', '_'), nic, mac));
        }
        Files.writeString(file, xml.append("</node>\n"));
        return "test://" + file.toAbsolutePath();
    }

    private static String pci(String name, int bus) {
        return """
                  <device>
                    <name>%s</name>
                    <parent>computer</parent>
                    <capability type='pci'>
                      <domain>0</domain>
                      <bus>%d</bus>
                      <slot>0</slot>
                      <function>0</function>
                      <product id='0xe200'>LPe12002 Fibre Channel Host Adapter</product>
                      <vendor id='0x10df'>Emulex Corporation</vendor>
                    </capability>
                  </device>
                """.formatted(name, bus);
    }

    /** An HBA (vport capable) or a vHBA; WWNs derive from the host number, fabrics alternate. */
    private static String fcHost(String name, String parent, int host, boolean vportCapable) {
        String vportOps = vportCapable ? """
                      <capability type='vport_ops'>
                        <max_vports>255</max_vports>
                        <vports>0</vports>
                      </capability>
                """ : "";
        return """
                  <device>
                    <name>%s</name>
                    <parent>%s</parent>
                    <capability type='scsi_host'>
                      <host>%d</host>
                      <unique_id>%d</unique_id>
                      <capability type='fc_host'>
                        <wwnn>2000%012x</wwnn>
                        <wwpn>1000%012x</wwpn>
                        <fabric_wwn>10000005%08x</fabric_wwn>
                      </capability>
                %s    </capability>
                  </device>
                """.formatted(name, parent, host, host, host, host, host % 2, vportOps);
    }
}
