package io.nodedex.testkit.fleet;

import java.util.Objects;

/**
 * The non-Fibre-Channel hardware of a simulated host, which libvirt lists as node devices too:
 * the machine ({@code computer}), a dual-port NIC and a SATA disk.
 *
 * @param vendor the system vendor
 * @param product the system product
 * @param serial the system serial number
 * @param uuid the system UUID (libvirt's test driver insists on one)
 * @param firstMac the MAC address of the NIC's first port ({@code eno1}); {@code eno2} has the next
 * @param diskSerial the serial number of the SATA disk
 */
public record Chassis(String vendor, String product, String serial, String uuid, long firstMac, String diskSerial) {

    public Chassis {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(diskSerial, "diskSerial");
    }

    /** The MAC address of NIC port {@code index} (0 or 1), as {@code b4:96:91:..}. */
    String mac(int index) {
        long mac = firstMac + index;
        StringBuilder text = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            text.append(String.format("%02x", (mac >>> shift) & 0xff)).append(shift > 0 ? ":" : "");
        }
        return text.toString();
    }
}
