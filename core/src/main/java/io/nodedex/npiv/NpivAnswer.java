package io.nodedex.npiv;

import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an {@link NpivRequest}: the chosen parent, if any, and every fc_host candidate of
 * the host with the one reason it was accepted or rejected. Maps one to one onto the JSON of
 * {@code GET /v1/npiv/parent}: {@code host}, {@code criteria}, {@code policy}, {@code parent}
 * ({@code null} when empty), {@code candidates}; {@code outcome} selects the HTTP status
 * (200 / 404 / 409) and {@code message} is the human summary (the error message when not found).
 *
 * @param host the host id that was searched
 * @param criteria the criterion's wire name: {@code name}, {@code wwnn_wwpn}, {@code fabric_wwn}
 *     or {@code any}
 * @param policy the policy's wire name: {@code lowest-wwpn} or {@code most-free}
 * @param parent the chosen parent; present exactly when the outcome is {@link Outcome#FOUND}
 * @param candidates accepted candidates best first in the policy's order, then rejected ones in
 *     natural name order
 * @param outcome whether a parent was found, and if not, why not
 * @param message a one-line human summary naming the host and the chosen parent or the problem
 */
public record NpivAnswer(String host, String criteria, String policy, Optional<Parent> parent,
        List<Candidate> candidates, Outcome outcome, String message) {

    public NpivAnswer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(parent, "parent");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        if (parent.isPresent() != (outcome == Outcome.FOUND)) {
            throw new IllegalArgumentException("a parent must be present exactly when the outcome is FOUND,"
                    + " got " + outcome + " with parent " + parent);
        }
    }

    /** How a resolution ended. */
    public enum Outcome {
        /** A parent was chosen (HTTP 200). */
        FOUND,
        /** No candidate was accepted, or the named parent does not exist (HTTP 404). */
        NOT_FOUND,
        /** The named parent exists but is not vport capable (HTTP 409); no fallback is tried. */
        CONFLICT
    }

    /**
     * The chosen parent.
     *
     * @param maxVports the kernel's {@code max_npiv_vports}; 0 when the source did not report it
     * @param vports the vports in use ({@code npiv_vports_inuse})
     * @param freeVports vports still free; 0 when the capacity is unknown
     */
    public record Parent(String name, Wwn wwnn, Wwn wwpn, Optional<Wwn> fabricWwn, int maxVports,
            int vports, int freeVports) {

        public Parent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(wwnn, "wwnn");
            Objects.requireNonNull(wwpn, "wwpn");
            Objects.requireNonNull(fabricWwn, "fabricWwn");
        }
    }

    /**
     * One fc_host device of the host and the verdict on it.
     *
     * @param reason why it was accepted ({@code vport capable, Online, 124 of 127 vports free}) or
     *     the first reason it was rejected ({@code vHBA: no vport_ops}, {@code port state Linkdown,
     *     not Online}, {@code full: 127 of 127 vports in use}, a criterion mismatch)
     */
    public record Candidate(String name, boolean accepted, String reason) {

        public Candidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
