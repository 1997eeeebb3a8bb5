package io.nodedex.indexer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the vHBA requests as this replica's fold decided them (docs/design.md,
 * "Decisions are events"). Each call reads one consistent snapshot; safe from any number of
 * threads while the indexer applies events.
 */
public interface VhbaRequests {

    /**
     * Every host's request with this id, by host id. Clients choose ids to be unique; the same id
     * sent for two hosts at once is two requests, one per host (each host's log decides its own).
     */
    List<VhbaRequestState> byId(String requestId);

    /** The host's request with this id. */
    Optional<VhbaRequestState> byId(String requestId, String hostId);

    /**
     * Every open request, by host id then request id: those pending (a reserved vport, a vHBA to
     * destroy) and the created ones whose vHBA is not indexed yet.
     */
    List<VhbaRequestState> open();

    /**
     * A page of the requests an audit reports, in the order of request id, then host id: those
     * that failed or expired, and the open ones (as {@link #open()} holds them) requested before
     * {@code openBefore}. Reads the requests from the page's position on, one at a time, until the
     * page is full: the memory a page takes is its limit, whatever the number of requests.
     *
     * @throws io.nodedex.device.InvalidInputException when the page's position belongs to another list
     */
    Page<VhbaRequestState> audit(Instant openBefore, PageRequest page);
}
