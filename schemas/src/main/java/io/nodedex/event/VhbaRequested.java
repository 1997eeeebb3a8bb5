package io.nodedex.event;

import io.nodedex.device.Wwn;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * An API server asks for a new vHBA on the event's host (docs/design.md, "Decisions are events").
 * Every replica decides the parent when it folds this record, by NPIV parent resolution over the
 * host's devices with the vports already reserved by earlier requests taken off, so two requests
 * for the last free vport can never both win.
 *
 * @param requestId the client's id for the request ({@link VhbaRequestId}): the same id again is
 *     the same request
 * @param criteria the one criterion the parent must meet, as {@code GET /v1/npiv/parent} takes it
 * @param policy how qualifying parents are ordered
 * @param wwnn the new vHBA's WWNN; when empty, {@link #vhbaWwnn()} derives one from the request id
 * @param wwpn the new vHBA's WWPN; when empty, {@link #vhbaWwpn()} derives one from the request id
 */
public record VhbaRequested(String requestId, Criteria criteria, ParentPolicy policy, Optional<Wwn> wwnn,
        Optional<Wwn> wwpn) implements Payload {

    public VhbaRequested {
        VhbaRequestId.check(requestId);
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(wwnn, "wwnn");
        Objects.requireNonNull(wwpn, "wwpn");
    }

    /** The new vHBA's WWNN: the one requested, else {@link #derived derived} from the request id. */
    public Wwn vhbaWwnn() {
        return wwnn.orElseGet(() -> derived("wwnn", requestId));
    }

    /** The new vHBA's WWPN: the one requested, else {@link #derived derived} from the request id. */
    public Wwn vhbaWwpn() {
        return wwpn.orElseGet(() -> derived("wwpn", requestId));
    }

    /**
     * A WWN derived from a request id, so that carrying out the same request twice makes the same
     * port (the agent then finds it made and stops): an IEEE NAA type 3 name, "locally assigned"
     * (the top four bits {@code 0011}), whose other 60 bits are the first 60 bits of SHA-256 over
     * {@code "nodedex.vhba." kind NUL requestId}. Type 3 names are never burnt into hardware, so a
     * derived name cannot clash with a physical port's.
     *
     * @param kind {@code wwnn} or {@code wwpn}
     */
    static Wwn derived(String kind, String requestId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("nodedex.vhba." + kind + "\0").getBytes(StandardCharsets.US_ASCII));
            long bits = ByteBuffer.wrap(sha.digest(requestId.getBytes(StandardCharsets.UTF_8))).getLong();
            return new Wwn((3L << 60) | (bits >>> 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
