package io.nodedex.npiv;

import static java.util.Map.entry;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for an NPIV parent on one host: at most one {@link Criteria criterion} and the
 * {@link ParentPolicy policy} that orders the qualifying parents.
 *
 * @param host the host id whose devices are searched
 * @param criteria the one criterion the parent must meet ({@link Criteria#any()} for none)
 * @param policy how qualifying parents are ordered; the first is chosen
 */
public record NpivRequest(String host, Criteria criteria, ParentPolicy policy) {

    // Query parameter names, as in GET /v1/npiv/parent (and the CLI's options), used in messages.

    /** Query parameter: the host id. */
    public static final String HOST = "host";
    /** Query parameter: the parent's device name. */
    public static final String PARENT = "parent";
    /** Query parameter: the parent's WWNN, only with {@link #PARENT_WWPN}. */
    public static final String PARENT_WWNN = "parentWwnn";
    /** Query parameter: the parent's WWPN, only with {@link #PARENT_WWNN}. */
    public static final String PARENT_WWPN = "parentWwpn";
    /** Query parameter: the fabric the parent is logged into. */
    public static final String PARENT_FABRIC_WWN = "parentFabricWwn";
    /** Query parameter: a {@link ParentPolicy} wire name. */
    public static final String POLICY = "policy";

    public NpivRequest {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new InvalidInputException("host must not be blank");
        }
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * Builds and validates a request from raw strings, as an HTTP query or a command line gives
     * them; each argument is empty when its parameter was not given. WWNs may carry {@code 0x} and
     * either case.
     *
     * @param host {@value #HOST}: required
     * @param parent {@value #PARENT}: the parent's device name
     * @param parentWwnn {@value #PARENT_WWNN}: only together with {@code parentWwpn}
     * @param parentWwpn {@value #PARENT_WWPN}: only together with {@code parentWwnn}
     * @param parentFabricWwn {@value #PARENT_FABRIC_WWN}: the parent's fabric
     * @param policy {@value #POLICY}: a {@link ParentPolicy} wire name, {@code lowest-wwpn} when
     *     empty
     * @throws InvalidInputException naming the problem: host missing, a parameter given but blank,
     *     more than one criterion, half a WWN pair, a malformed WWN, an unknown policy
     */
    public static NpivRequest of(Optional<String> host, Optional<String> parent,
            Optional<String> parentWwnn, Optional<String> parentWwpn,
            Optional<String> parentFabricWwn, Optional<String> policy) {
        List.of(entry(HOST, host), entry(PARENT, parent), entry(PARENT_WWNN, parentWwnn),
                entry(PARENT_WWPN, parentWwpn), entry(PARENT_FABRIC_WWN, parentFabricWwn),
                entry(POLICY, policy))
                .forEach(parameter -> requireNotBlank(parameter.getKey(), parameter.getValue()));
        String hostId = host.orElseThrow(() -> new InvalidInputException("missing parameter " + HOST));
        Criteria criteria = criteria(parent, parentWwnn, parentWwpn, parentFabricWwn);
        ParentPolicy order = policy.map(ParentPolicy::parse).orElse(ParentPolicy.DEFAULT);
        return new NpivRequest(hostId, criteria, order);
    }

    private static void requireNotBlank(String parameter, Optional<String> value) {
        if (value.isPresent() && value.get().isBlank()) {
            throw new InvalidInputException("parameter " + parameter + " is given but blank");
        }
    }

    private static Criteria criteria(Optional<String> parent, Optional<String> parentWwnn,
            Optional<String> parentWwpn, Optional<String> parentFabricWwn) {
        List<String> kinds = new ArrayList<>();
        parent.ifPresent(p -> kinds.add(PARENT));
        if (parentWwnn.isPresent() || parentWwpn.isPresent()) {
            kinds.add(PARENT_WWNN + "+" + PARENT_WWPN);
        }
        parentFabricWwn.ifPresent(f -> kinds.add(PARENT_FABRIC_WWN));
        if (kinds.size() > 1) {
            throw new InvalidInputException("conflicting parent criteria " + String.join(" and ", kinds)
                    + ": give at most one of " + PARENT + ", " + PARENT_WWNN + "+" + PARENT_WWPN
                    + ", " + PARENT_FABRIC_WWN);
        }
        if (parent.isPresent()) {
            return Criteria.byName(parent.get());
        }
        if (parentWwnn.isPresent() != parentWwpn.isPresent()) {
            String present = parentWwnn.isPresent() ? PARENT_WWNN : PARENT_WWPN;
            String missing = parentWwnn.isPresent() ? PARENT_WWPN : PARENT_WWNN;
            throw new InvalidInputException(present + " given without " + missing
                    + ": a parent WWN pair needs both");
        }
        if (parentWwnn.isPresent()) {
            return Criteria.byWwnPair(wwn(PARENT_WWNN, parentWwnn.get()), wwn(PARENT_WWPN, parentWwpn.get()));
        }
        return parentFabricWwn.map(f -> Criteria.byFabric(wwn(PARENT_FABRIC_WWN, f)))
                .orElse(Criteria.any());
    }

    private static Wwn wwn(String parameter, String text) {
        try {
            return Wwn.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("parameter " + parameter + ": " + e.getMessage(), e);
        }
    }
}
