package io.nodedex.indexer;

import io.nodedex.audit.Audit;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.Wwn;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Read access to an indexer's state: what the query layer is built on.
 *
 * <p>Every list is sorted by a documented total order
 * (docs/design.md, "Order never changes the answer"), never by storage or arrival order. Each
 * call reads one consistent snapshot of the database, so an answer never mixes two batches. Safe
 * to call from any number of threads while the indexer applies events. Unknown hosts give empty
 * answers; use {@link #host(String)} to tell them from hosts without devices.
 *
 * <p>Lists that can grow with the fleet come in pages ({@link PageRequest}, {@link Page}): a page
 * costs a seek and a scan of its own items, however large the list, and walking every page while
 * the indexer applies events never repeats an item and never skips one that did not change
 * meanwhile. Lists bounded by one host or one key come whole.
 */
public interface IndexReader {

    /** One page of every host, sorted by id. */
    Page<HostInfo> hosts(PageRequest page);

    /** The host with this id, if the indexer has applied any event for it. */
    Optional<HostInfo> host(String hostId);

    /** The host's devices, sorted by {@link NaturalOrder#NAMES}. */
    List<Device> devices(String hostId);

    /**
     * One page of the host's devices that {@code filter} accepts, sorted by
     * {@link NaturalOrder#NAMES}; empty for an unknown host.
     */
    Page<Device> devices(String hostId, Predicate<Device> filter, PageRequest page);

    /** One device of one host, by its name. */
    Optional<Device> device(String hostId, String name);

    /**
     * Every fc_host (HBA or vHBA) datacenter-wide with this port name, in {@link HostDevice#ORDER};
     * more than one is a conflict for the caller to report.
     */
    List<HostDevice> devicesByWwpn(Wwn wwpn);

    /**
     * Every fc_host with this port name by identity, and one page of them in full, in
     * {@link HostDevice#ORDER}; more than one is a conflict for the caller to report.
     */
    WwpnMatches wwpnMatches(Wwn wwpn, PageRequest page);

    /** Every fc_host with this node and port name, in {@link HostDevice#ORDER}. */
    List<HostDevice> devicesByWwnnWwpn(Wwn wwnn, Wwn wwpn);

    /** Every fc_host (HBAs and vHBAs) logged into this fabric, in {@link HostDevice#ORDER}. */
    List<HostDevice> devicesByFabric(Wwn fabricWwn);

    /** One page of the fc_hosts (HBAs and vHBAs) logged into this fabric, in {@link HostDevice#ORDER}. */
    Page<HostDevice> devicesByFabric(Wwn fabricWwn, PageRequest page);

    /**
     * The host's vport-capable fc_hosts ({@link Device#isVportCapable()}): the candidates for an
     * NPIV parent, sorted by {@link NaturalOrder#NAMES}.
     */
    List<Device> vportParents(String hostId);

    /** The host's vHBAs with the parent each names, sorted by {@link NaturalOrder#NAMES}. */
    List<Vhba> vhbas(String hostId);

    /**
     * One page of every vHBA with the parent it names and that parent's status, by host id, then
     * natural name: what {@link VhbaAssignment#of(java.util.Map)} gives for the whole fleet.
     */
    Page<VhbaAssignment> vhbaAssignments(PageRequest page);

    /** As {@link #vhbaAssignments(PageRequest)}, for one host's vHBAs; empty for an unknown host. */
    Page<VhbaAssignment> vhbaAssignments(String hostId, PageRequest page);

    /**
     * One page of the audit findings, in the audit's order, with the count of each kind over all
     * of them: what {@link Audit#of} gives for every device of the fleet. The indexer keeps them
     * up to date in the same batch as the devices.
     */
    AuditPage findings(PageRequest page);

    /**
     * One page of the versions of one device, oldest first, each with when it began and ended
     * (docs/design.md, "History is state"); empty when the device has none, or the host is unknown.
     */
    Page<DeviceVersion> deviceHistory(String hostId, String name, PageRequest page);

    /** The device as it was at {@code time}: empty when it did not exist then (see {@link #historyKeptFrom()}). */
    Optional<Device> device(String hostId, String name, Instant time);

    /**
     * One page of the times fc_hosts held this port name, by when each began, then by host id and
     * natural name; a WWPN that moved between hosts shows each holder.
     */
    Page<WwpnHolding> wwpnHistory(Wwn wwpn, PageRequest page);

    /** {@link #wwpnMatches(Wwn, PageRequest)} as it was at {@code time}. */
    WwpnMatches wwpnMatches(Wwn wwpn, Instant time, PageRequest page);

    /**
     * The answers of this reader's state routes as they were at {@code time}, from the history
     * (docs/design.md, "History is state"); valid for any time, but complete only from
     * {@link #historyKeptFrom()} on, which callers check (as they check that the time is past).
     */
    PastState asOf(Instant time);

    /**
     * From when the history is complete: answers about earlier times may miss versions pruned by
     * the retention. Empty while nothing was ever pruned (the history reaches back to the start of
     * the log).
     */
    Optional<Instant> historyKeptFrom();

    /**
     * The cursor of a watcher that starts now: after every change of the records this replica
     * has applied (docs/design.md, "Watching changes").
     */
    ChangeCursor changeCursorNow();

    /**
     * At most {@code limit} of the changes after {@code since} that {@code filter} accepts, in feed
     * order, and the cursor to ask with next. Examines a bounded number of rows per call: a page
     * may be empty while more changes follow, its {@code next} then lies further on.
     *
     * @throws ChangesGoneException when the history's retention pruned a change the cursor has
     *     not seen
     */
    ChangePage changes(ChangeCursor since, ChangeFilter filter, int limit);

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
