package io.nodedex.testkit;

import io.nodedex.device.Wwn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes libvirt node-device XML: host files for libvirt's test driver
 * ({@code test:///ABS/PATH.xml}, a {@code <node>} of {@code <device>}s as
 * {@code virsh nodedev-dumpxml} prints them on a real host) and the XML that creates a vHBA
 * ({@link #vhbaRequest}).
 *
 * <p>A host file is built device by device ({@link #device}) from capability snippets
 * ({@link #scsiHost}, {@link #fcHost}, {@link #vportOps}, {@link #pci}), then taken as text
 * ({@link #xml}) or written ({@link #write}). {@link #write(Path, int, int, int)} writes a whole
 * host of a given size in one call. libvirt's test driver refuses a host without a system UUID
 * on its {@code computer} ({@link #SYSTEM_DEVICE} has one) and serves vport counts as 0 whatever
 * the file says.
 *
 * <p>Not thread-safe: one thread builds one file.
 */
public final class TestDriverXml {

    /** A {@code computer} device with the system UUID libvirt's test driver refuses to start without. */
    public static final String SYSTEM_DEVICE = """
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

    /** The PCI class of a Fibre Channel controller. */
    public static final String FIBRE_CHANNEL_CLASS = "0x0c0400";

    private final StringBuilder xml = new StringBuilder("<node>\n");

    /** An empty host file: add devices, then take {@link #xml} or {@link #write} it. */
    public TestDriverXml() {
    }

    /**
     * Adds a device.
     *
     * @param name its libvirt name
     * @param path its sysfs path ({@code /sys/...}); empty for none
     * @param parent its parent's name; empty for none
     * @param driver its driver's name; empty for none
     * @param capabilities its {@code <capability>} elements, indented for inside {@code <device>}
     */
    public TestDriverXml device(String name, String path, String parent, String driver, String capabilities) {
        xml.append("  <device>\n    <name>").append(name).append("</name>\n");
        if (!path.isEmpty()) {
            xml.append("    <path>").append(path).append("</path>\n");
        }
        if (!parent.isEmpty()) {
            xml.append("    <parent>").append(parent).append("</parent>\n");
        }
        if (!driver.isEmpty()) {
            xml.append("    <driver>\n      <name>").append(driver).append("</name>\n    </driver>\n");
        }
        xml.append(capabilities).append("  </device>\n");
        return this;
    }

    /** Adds a whole {@code <device>} element as it is (e.g. {@link #SYSTEM_DEVICE}). */
    public TestDriverXml rawDevice(String deviceXml) {
        xml.append(deviceXml);
        return this;
    }

    /** The host file so far, closed. */
    public String xml() {
        return xml + "</node>\n";
    }

    /**
     * Writes the host file to {@code file} and returns the URI that serves it,
     * {@code test:///ABS/PATH.xml}.
     */
    public String write(Path file) {
        try {
            Files.writeString(file, xml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host file " + file + ": " + e, e);
        }
        return uri(file);
    }

    /** The libvirt URI serving the host file {@code file}: {@code test:///ABS/PATH.xml}. */
    public static String uri(Path file) {
        return "test://" + file.toAbsolutePath();
    }

    /** A {@code scsi_host} capability numbered {@code number}, holding {@code nested} (from {@link #fcHost} ...). */
    public static String scsiHost(int number, String nested) {
        return """
                    <capability type='scsi_host'>
                      <host>%d</host>
                      <unique_id>%d</unique_id>
                %s    </capability>
                """.formatted(number, number, nested);
    }

    /** An {@code fc_host} capability, for inside {@link #scsiHost}. */
    public static String fcHost(Wwn wwnn, Wwn wwpn, Wwn fabric) {
        return """
                      <capability type='fc_host'>
                        <wwnn>%s</wwnn>
                        <wwpn>%s</wwpn>
                        <fabric_wwn>%s</fabric_wwn>
                      </capability>
                """.formatted(wwnn, wwpn, fabric);
    }

    /** A {@code vport_ops} capability (an NPIV-capable port), for inside {@link #scsiHost}. */
    public static String vportOps(int maxVports, int vports) {
        return """
                      <capability type='vport_ops'>
                        <max_vports>%d</max_vports>
                        <vports>%d</vports>
                      </capability>
                """.formatted(maxVports, vports);
    }

    /** A {@code pci} capability of the function at {@code address} (e.g. {@code 0000:05:00.0}). */
    public static String pci(String address, String pciClass, String vendorId, String vendor, String productId,
            String product) {
        String[] parts = address.split("[:.]");
        return """
                    <capability type='pci'>
                      <class>%s</class>
                      <domain>%d</domain>
                      <bus>%d</bus>
                      <slot>%d</slot>
                      <function>%d</function>
                      <product id='%s'>%s</product>
                      <vendor id='%s'>%s</vendor>
                    </capability>
                """.formatted(pciClass, Integer.parseInt(parts[0], 16), Integer.parseInt(parts[1], 16),
                Integer.parseInt(parts[2], 16), Integer.parseInt(parts[3], 16), productId, product, vendorId, vendor);
    }

    /** libvirt's name of a PCI function: {@code 0000:05:00.0} is {@code pci_0000_05_00_0}. */
    public static String pciDeviceName(String pciAddress) {
        return "pci_" + pciAddress.replaceAll("[^0-9a-f]", "_");
    }

    /** The XML that creates a vHBA ({@code virNodeDeviceCreateXML}): an fc_host with these WWNs under {@code parent}. */
    public static String vhbaRequest(String parent, String wwnn, String wwpn) {
        return """
                <device>
                  <parent>%s</parent>
                  <capability type='scsi_host'>
                    <capability type='fc_host'>
                      <wwnn>%s</wwnn>
                      <wwpn>%s</wwpn>
                    </capability>
                  </capability>
                </device>
                """.formatted(parent, wwnn, wwpn);
    }

    // ---- a whole host of a given size ----

    /** The devices of a host written by {@link #write(Path, int, int, int)}. */
    public static int deviceCount(int hbas, int vhbasPerHba, int nics) {
        return 1 + hbas * (2 + vhbasPerHba) + nics;
    }

    /**
     * Writes a host to {@code file} and returns its {@code test://} URI: {@link #SYSTEM_DEVICE};
     * per HBA {@code n} (1 up) an Emulex PCI function {@code pci_0000_NN_00_0}, the vport-capable
     * port {@code scsi_hostN} (255 vports) and {@code vhbasPerHba} vHBAs numbered after the
     * HBAs; then {@code nics} network interfaces {@code eth0...}. A SCSI host numbered {@code h}
     * has node name {@code 2000} and port name {@code 1000} followed by {@code h} in 12 hex
     * digits, on fabric {@code 10000005} followed by {@code h % 2} in 8 hex digits.
     */
    public static String write(Path file, int hbas, int vhbasPerHba, int nics) {
        TestDriverXml host = new TestDriverXml().rawDevice(SYSTEM_DEVICE);
        int nextVhbaHost = hbas + 1;
        for (int hba = 1; hba <= hbas; hba++) {
            String address = "0000:%02x:00.0".formatted(hba);
            host.device(pciDeviceName(address), "", "computer", "", pci(address, FIBRE_CHANNEL_CLASS, "0x10df",
                    "Emulex Corporation", "0xe200", "LPe12002 Fibre Channel Host Adapter"));
            host.device("scsi_host" + hba, "", pciDeviceName(address), "",
                    scsiHost(hba, numberedFcHost(hba) + vportOps(255, 0)));
            for (int v = 0; v < vhbasPerHba; v++) {
                host.device("scsi_host" + nextVhbaHost, "", "scsi_host" + hba, "",
                        scsiHost(nextVhbaHost, numberedFcHost(nextVhbaHost)));
                nextVhbaHost++;
            }
        }
        for (int nic = 0; nic < nics; nic++) {
            String mac = "52:54:00:%02x:%02x:%02x".formatted(nic >> 16 & 0xff, nic >> 8 & 0xff, nic & 0xff);
            host.device("net_eth" + nic + "_" + mac.replace(':', '_'), "", "computer", "", """
                        <capability type='net'>
                          <interface>eth%d</interface>
                          <address>%s</address>
                        </capability>
                    """.formatted(nic, mac));
        }
        return host.write(file);
    }

    private static String numberedFcHost(int host) {
        return fcHost(new Wwn(0x2000_0000_0000_0000L | host), new Wwn(0x1000_0000_0000_0000L | host),
                new Wwn(0x1000_0005_0000_0000L | host % 2));
    }
}
