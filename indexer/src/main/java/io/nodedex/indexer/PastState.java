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
 * The indexer's answers as they were at one past {@link #time()}, read from the history it keeps
 * (docs/design.md, "History is state"): each is the answer of the {@link IndexReader} method of
 * the same name, in the same order and shape, over the devices as they were then (each device's
 * newest version at or before the time). Got from {@link IndexReader#asOf(Instant)}.
 *
 * <p>A host was there at the time when at least one of its devices was: the history keeps
 * devices, not heartbeats, so a host without devices then is unknown then, and a retired host
 * is there at the times its devices were. Lists over the fleet walk the hosts that ever had a
 * version in id order and stop once a page is full, so a page costs the history of the hosts it
 * walks, never the whole fleet in memory; {@link #findings} and {@link #devicesByFabric} may walk
 * the whole fleet's history for one page (see their documentation).
 *
 * <p>Each call reads one consistent snapshot of the database. Pages are positions in the same
 * orders as today's lists; a position taken from a list now, or as of another time, may start a
 * page anywhere in this one, so callers keep them apart (the query API's cursors name the time).
 * Immutable; safe to use from any number of threads.
 */
public interface PastState {

    /** The time the answers are as of. */
    Instant time();

    /** One page of the hosts that were there at the time, sorted by id. */
    Page<PastHost> hosts(PageRequest page);

    /** The host as it was at the time; empty when it was not there then. */
    Optional<PastHost> host(String hostId);

    /** The host's devices at the time, sorted by {@link NaturalOrder#NAMES}; empty when it was not there. */
    List<Device> devices(String hostId);

    /**
     * One page of the host's devices at the time that {@code filter} accepts, sorted by
     * {@link NaturalOrder#NAMES}; empty when the host was not there.
     */
    Page<Device> devices(String hostId, Predicate<Device> filter, PageRequest page);

    /**
     * One page of the fc_hosts logged into this fabric at the time, in {@link HostDevice#ORDER}.
     * Walks the hosts in id order until the page is full: a fabric with few members costs a walk
     * of the whole fleet's history.
     */
    Page<HostDevice> devicesByFabric(Wwn fabricWwn, PageRequest page);

    /** One page of every vHBA at the time with the parent it named and that parent's status, by host, then name. */
    Page<VhbaAssignment> vhbaAssignments(PageRequest page);

    /** As {@link #vhbaAssignments(PageRequest)}, for one host's vHBAs; empty when the host was not there. */
    Page<VhbaAssignment> vhbaAssignments(String hostId, PageRequest page);

    /**
     * One page of the audit findings of the fleet at the time, with the count of each kind over
     * all of them: what {@link Audit#of} gives for every device then. The counts need every
     * finding, so each page walks the whole fleet's history (host by host, with
     * {@link Audit#ofHost}, and the WWPN history for the duplicate WWPNs), keeping in memory only
     * the page's findings.
     */
    AuditPage findings(PageRequest page);
}
