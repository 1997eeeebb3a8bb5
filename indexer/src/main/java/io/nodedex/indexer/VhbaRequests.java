package io.nodedex.indexer;

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
     * Every request that failed or expired, by host id then request id, for the audit. Reads every
     * request ever made: not paged yet.
     */
    List<VhbaRequestState> unsuccessful();
}
