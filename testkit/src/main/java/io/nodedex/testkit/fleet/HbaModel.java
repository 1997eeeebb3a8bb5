package io.nodedex.testkit.fleet;

/**
 * The Fibre Channel HBAs a simulated host may carry, with what the kernel and libvirt say about
 * them: driver, PCI ids, the OUI inside their WWNs, and how many NPIV vports the firmware allows.
 */
public enum HbaModel {
    /** Emulex LPe16002B: WWNs {@code 20:00:00:90:fa:..} (node) and {@code 10:00:00:90:fa:..} (port). */
    EMULEX_LPE16002("lpfc", "0x10df", "Emulex Corporation", "0xe200",
            "LPe16002B-M6 PCIe 16Gb Fibre Channel Adapter", 0x2000_0090_fa00_0000L, 0x1000_0090_fa00_0000L, 255),
    /** QLogic QLE2692: WWNs {@code 20:00:00:24:ff:..} (node) and {@code 21:00:00:24:ff:..} (port). */
    QLOGIC_QLE2692("qla2xxx", "0x1077", "QLogic Corp.", "0x2261",
            "ISP2722-based 16/32Gb Fibre Channel to PCIe Adapter", 0x2000_0024_ff00_0000L, 0x2100_0024_ff00_0000L, 254);

    /** The link speed every simulated port negotiated. */
    static final String SPEED = "16 Gbit";

    private final String driver;
    private final String pciVendorId;
    private final String pciVendor;
    private final String pciProductId;
    private final String pciProduct;
    private final long wwnnPrefix;
    private final long wwpnPrefix;
    private final int maxVports;

    HbaModel(String driver, String pciVendorId, String pciVendor, String pciProductId, String pciProduct,
            long wwnnPrefix, long wwpnPrefix, int maxVports) {
        this.driver = driver;
        this.pciVendorId = pciVendorId;
        this.pciVendor = pciVendor;
        this.pciProductId = pciProductId;
        this.pciProduct = pciProduct;
        this.wwnnPrefix = wwnnPrefix;
        this.wwpnPrefix = wwpnPrefix;
        this.maxVports = maxVports;
    }

    /** The kernel driver ({@code proc_name} in sysfs). */
    public String driver() {
        return driver;
    }

    String pciVendorId() {
        return pciVendorId;
    }

    String pciVendor() {
        return pciVendor;
    }

    String pciProductId() {
        return pciProductId;
    }

    String pciProduct() {
        return pciProduct;
    }

    /** The node name of the port whose serial (the low 24 bits) is {@code serial}. */
    long wwnn(int serial) {
        return wwnnPrefix | serial;
    }

    /** The port name of the port whose serial (the low 24 bits) is {@code serial}. */
    long wwpn(int serial) {
        return wwpnPrefix | serial;
    }

    /** The firmware's default {@code max_npiv_vports}. */
    int defaultMaxVports() {
        return maxVports;
    }
}
