package io.nodedex.indexer;

import java.nio.charset.StandardCharsets;

/**
 * The RocksDB column families of the indexer, in the order {@link StateDigest} reads them. Key
 * layouts are in {@link Keys}; values in {@link StoredValues}. {@code hk} is the 8-byte host key,
 * {@code wwn} a WWN as 8 big-endian bytes, {@code host} a host id and {@code name} a device name
 * as {@link SortKeys sort keys} (a host id followed by more ends with a 0 byte); {@code source
 * name} is a device name in UTF-8.
 */
enum Table {
    /** {@code hk name} → merged device: each host's devices in natural name order. */
    DEVICES("devices"),
    /** {@code hk source name} → the device as that one source reports it (name in UTF-8). */
    SOURCE_DEVICES("source_devices"),
    /** {@code hk} → host record (host id, last seen). */
    HOSTS("hosts"),
    /** {@code host} → empty: every host by id, written with its first host record. */
    HOST_IDS("hosts_by_id"),
    /** {@code wwpn host 0 name} → empty: every fc_host (HBA or vHBA) by port name. */
    BY_WWPN("by_wwpn"),
    /** {@code wwnn wwpn host 0 name} → empty. */
    BY_WWNN_WWPN("by_wwnn_wwpn"),
    /** {@code fabric host 0 name} → empty: fc_hosts that report a fabric. */
    BY_FABRIC("by_fabric"),
    /** {@code hk name} → empty: fc_hosts with vport_ops, the possible NPIV parents. */
    VPORT_PARENTS("vport_parents"),
    /** {@code host 0 name} → the parent's name in UTF-8, empty when the vHBA names none. */
    VHBAS("vhbas"),
    /**
     * {@code kind (1 host 0 name 0)... 0 message} → empty: every audit finding, in the audit's
     * order ({@link Keys#finding}).
     */
    FINDINGS("findings"),
    /** {@code kind} → the number of {@link #FINDINGS} of that kind (8 bytes); absent when none. */
    FINDING_COUNTS("finding_counts"),
    /**
     * {@code hk name 0 time version} → {@code partition offset} of the record that made it, then
     * the merged device as stored, or nothing when the device went: every version of every
     * device, one device's versions together and in the order they were applied ({@code time}
     * in microseconds, never before the version before; {@code version} counts the device's
     * versions). docs/design.md, "History is state".
     */
    DEVICE_HISTORY("device_history"),
    /**
     * {@code wwpn time host 0 name 0 version} → empty: each {@link #DEVICE_HISTORY} version of an
     * fc_host, by its port name, so a WWPN's holders over time are a prefix scan.
     */
    WWPN_HISTORY("wwpn_history"),
    /**
     * {@code hk name} → the time and number of the device's newest {@link #DEVICE_HISTORY} version,
     * the time of its second oldest (or the largest long when it has one), and 1 once the
     * retention pruned one of its versions (else 0): what appending and pruning versions need to
     * know without reading them.
     */
    HISTORY_HEADS("history_heads"),
    /**
     * {@code 0} → time (8 bytes, microseconds): history is complete from then on; absent while
     * nothing was ever pruned.
     */
    HISTORY_HORIZON("history_horizon"),
    /**
     * {@code host} → empty: every host that ever had a {@link #DEVICE_HISTORY} version, by id,
     * written with its first version and kept when it is retired: the hosts an answer as of a
     * past time walks, in id order.
     */
    HISTORY_HOSTS("history_hosts"),
    /**
     * {@code partition offset hk [name]} → kind, scope, time, port name, host and device: every
     * change of a device's versions and of a host's existence, by the log position of the record
     * that made it (docs/design.md, "Watching changes"; {@link ChangeRows}). A device change goes
     * when its version is pruned.
     */
    CHANGES("changes"),
    /**
     * {@code partition} → the largest offset (8 bytes) of a change pruned from {@link #CHANGES}:
     * a watcher that has not seen the changes up to it must start over.
     */
    CHANGES_HORIZON("changes_horizon"),
    /** {@code hk source} → the applied (incarnation, sequence) of that host and source. */
    WATERMARKS("watermarks"),
    /** {@code hk} → the host's enrolled Ed25519 public key (its 32 bytes). */
    ENROLMENTS("enrolments"),
    /**
     * {@code requestId 0 host} (UTF-8) → a {@link VhbaRequestState}: every vHBA request as the fold
     * decided it, by request id (docs/design.md, "Decisions are events").
     */
    VHBA_REQUESTS("vhba_requests"),
    /**
     * {@code hk requestId} (UTF-8) → the {@link VhbaRequestState}: a host's open requests, those
     * pending and the created ones whose vHBA is not indexed yet; their vports are reserved.
     */
    VHBA_OPEN("vhba_open"),
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

    /** Whether this table holds history (docs/design.md, "History is state"), not the current state. */
    boolean isHistory() {
        return this == DEVICE_HISTORY || this == WWPN_HISTORY || this == HISTORY_HEADS || this == HISTORY_HORIZON
                || this == HISTORY_HOSTS || this == CHANGES || this == CHANGES_HORIZON;
    }

    /**
     * Whether this table's keys lead with an 8-byte number (a host key or a WWN) that most scans
     * of it name in full: the fold's, of one host's rows or one WWN's. Its files then carry a Bloom
     * filter of those prefixes beside the one of whole keys, and such a scan skips every file
     * without its prefix ({@link Store}).
     */
    boolean scannedByLeadingNumber() {
        return this == SOURCE_DEVICES || this == BY_WWPN || this == DEVICE_HISTORY || this == HISTORY_HEADS
                || this == VHBA_OPEN;
    }

    /** Whether this table is part of the folded state (and so of the digest). */
    boolean isState() {
        return state;
    }
}
