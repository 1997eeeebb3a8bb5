package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Optional;

/**
 * Read access to an indexer's state: what the query layer is built on.
 *
 * <p>Every list is sorted by a documented total order
 * (docs/design.md, "Order never changes the answer"), never by storage or arrival order. Each
 * call reads one consistent snapshot of the database, so an answer never mixes two batches. Safe
 * to call from any number of threads while the indexer applies events. Unknown hosts give empty
 * answers; use {@link #host(String)} to tell them from hosts without devices.
 */
public interface IndexReader {

    /** Every host, sorted by id. */
    List<HostInfo> hosts();

    /** The host with this id, if the indexer has applied any event for it. */
    Optional<HostInfo> host(String hostId);

    /** The host's devices, sorted by {@link NaturalOrder#NAMES}. */
    List<Device> devices(String hostId);

    /** One device of one host, by its name. */
    Optional<Device> device(String hostId, String name);

    /**
     * Every fc_host (HBA or vHBA) datacenter-wide with this port name, in {@link HostDevice#ORDER};
     * more than one is a conflict for the caller to report.
     */
    List<HostDevice> devicesByWwpn(Wwn wwpn);

    /** Every fc_host with this node and port name, in {@link HostDevice#ORDER}. */
    List<HostDevice> devicesByWwnnWwpn(Wwn wwnn, Wwn wwpn);

    /** Every fc_host (HBAs and vHBAs) logged into this fabric, in {@link HostDevice#ORDER}. */
    List<HostDevice> devicesByFabric(Wwn fabricWwn);

    /**
     * Every device of every host, read from one snapshot, in {@link HostDevice#ORDER}: the input of
     * datacenter-wide audits. Reads the whole device table; not for hot paths.
     */
    List<HostDevice> allDevices();

    /**
     * The host's vport-capable fc_hosts ({@link Device#isVportCapable()}): the candidates for an
     * NPIV parent, sorted by {@link NaturalOrder#NAMES}.
     */
    List<Device> vportParents(String hostId);

    /** The host's vHBAs with the parent each names, sorted by {@link NaturalOrder#NAMES}. */
    List<Vhba> vhbas(String hostId);

    /** Every vHBA of every host, in {@link Vhba#ORDER}. */
    List<Vhba> vhbas();

    /** How far the indexer has read the log; ready to serve once {@link IngestStatus#caughtUp()}. */
    IngestStatus ingestStatus();

    /** The indexer's counters, for metrics. */
    IndexerCounters counters();

    /**
     * The approximate size of the replica's RocksDB database in bytes (live SST files plus
     * memtables, over every table), for metrics.
     */
    long storageBytes();
}
