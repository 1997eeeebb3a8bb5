package io.nodedex.indexer;

import io.nodedex.device.Wwn;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A vHBA request as every replica decided it by folding the log (docs/design.md, "Decisions are
 * events"): what was asked, where it stands, and what was decided.
 *
 * @param requestId the client's id
 * @param hostId the host it is for
 * @param kind create or delete
 * @param request what was asked, as canonical text ({@code create parent=scsi_host5 policy=lowest-wwpn
 *     wwnn=- wwpn=-}): the same id with another text is another request
 * @param state where it stands
 * @param parent create: the parent chosen (kept once closed); delete: the vHBA's parent when known
 * @param name the vHBA: create, once created; delete, the one to destroy
 * @param wwnn create: the new vHBA's WWNN
 * @param wwpn create: the new vHBA's WWPN
 * @param reason one line: why it stands where it does (the resolver's message, libvirt's error, the timeout)
 * @param resolution create: NPIV resolution's answer as {@code GET /v1/npiv/parent} prints it (JSON text)
 * @param requestedAt when the broker logged the request (its agent-side time when the record has none)
 * @param updatedAt when the broker logged the record that last changed it
 */
public record VhbaRequestState(String requestId, String hostId, Kind kind, String request, State state,
        Optional<String> parent, Optional<String> name, Optional<Wwn> wwnn, Optional<Wwn> wwpn, String reason,
        Optional<String> resolution, Instant requestedAt, Instant updatedAt) {

    public VhbaRequestState {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wwnn, "wwnn");
        Objects.requireNonNull(wwpn, "wwpn");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** What a request asks for. */
    public enum Kind {
        /** A new vHBA ({@code POST /v1/vhbas}). */
        CREATE,
        /** Destroying a vHBA ({@code DELETE /v1/vhbas/{host}/{name}}). */
        DELETE
    }

    /** Where a request stands. */
    public enum State {
        /** Create: a vport of the parent is reserved; the host's agent has not answered yet. */
        RESERVED,
        /** Delete: the host's agent has not answered yet. */
        DELETING,
        /** Create: the agent made the vHBA. */
        CREATED,
        /** Delete: the agent destroyed the vHBA. */
        DELETED,
        /** Refused when decided: no parent found (create), or no such vHBA (delete); HTTP 404. */
        NOT_FOUND,
        /** Refused when decided: the named parent is not vport capable, the device is a physical HBA, or the WWPN is taken; HTTP 409. */
        CONFLICT,
        /** The agent could not do it, or refused the command. */
        FAILED,
        /** The host did not answer within the timeout; the reservation was released. */
        EXPIRED;

        /** Whether the host's agent still has to answer. */
        public boolean pending() {
            return this == RESERVED || this == DELETING;
        }
    }

    /** The canonical text of a create request ({@link #request()}): {@code create any policy=lowest-wwpn wwnn=- wwpn=-}. */
    public static String describe(io.nodedex.event.VhbaRequested requested) {
        return "create " + requested.criteria() + " policy=" + requested.policy().wireName() + " wwnn="
                + requested.wwnn().map(Wwn::toString).orElse("-") + " wwpn="
                + requested.wwpn().map(Wwn::toString).orElse("-");
    }

    /** The canonical text of a delete request ({@link #request()}): {@code delete scsi_host12}. */
    public static String describe(io.nodedex.event.VhbaDeleteRequested delete) {
        return "delete " + delete.name();
    }

    VhbaRequestState with(State newState, String newReason, Instant at) {
        return new VhbaRequestState(requestId, hostId, kind, request, newState, parent, name, wwnn, wwpn, newReason,
                resolution, requestedAt, at);
    }

    VhbaRequestState withName(String newName) {
        return new VhbaRequestState(requestId, hostId, kind, request, state, parent, Optional.of(newName), wwnn, wwpn,
                reason, resolution, requestedAt, updatedAt);
    }
}
