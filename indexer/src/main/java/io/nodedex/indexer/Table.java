package io.nodedex.indexer;

import java.nio.charset.StandardCharsets;

/**
 * The RocksDB column families of the indexer, in the order {@link StateDigest} reads them. Key
 * layouts are in {@link Keys}; values in {@link StoredValues}. {@code hk} is the 8-byte host key,
 * {@code wwn} a WWN as 8 big-endian bytes, {@code name} a device name in UTF-8.
 */
enum Table {
    /** {@code hk name} → merged device. */
    DEVICES("devices"),
    /** {@code hk source name} → the device as that one source reports it. */
    SOURCE_DEVICES("source_devices"),
    /** {@code hk} → host record (host id, last seen). */
    HOSTS("hosts"),
    /** {@code wwpn hk name} → empty: every fc_host (HBA or vHBA) by port name. */
    BY_WWPN("by_wwpn"),
    /** {@code wwnn wwpn hk name} → empty. */
    BY_WWNN_WWPN("by_wwnn_wwpn"),
    /** {@code fabric hk name} → empty: fc_hosts that report a fabric. */
    BY_FABRIC("by_fabric"),
    /** {@code hk name} → empty: fc_hosts with vport_ops, the possible NPIV parents. */
    VPORT_PARENTS("vport_parents"),
    /** {@code hk name} → the parent's name in UTF-8, empty when the vHBA names none. */
    VHBAS("vhbas"),
    /** {@code hk source} → the applied (incarnation, sequence) of that host and source. */
    WATERMARKS("watermarks"),
    /** {@code partition} → the next offset to consume. Not part of the state digest. */
    OFFSETS("offsets", false);

    private final byte[] columnFamilyName;
    private final boolean state;

    Table(String name) {
        this(name, true);
    }

    Table(String name, boolean state) {
        this.columnFamilyName = name.getBytes(StandardCharsets.UTF_8);
        this.state = state;
    }

    byte[] columnFamilyName() {
        return columnFamilyName.clone();
    }

    /** Whether this table is part of the folded state (and so of the digest). */
    boolean isState() {
        return state;
    }
}
