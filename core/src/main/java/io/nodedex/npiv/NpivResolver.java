package io.nodedex.npiv;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.NaturalOrder;
import io.nodedex.npiv.NpivAnswer.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses the NPIV parent for a new vHBA among one host's devices
 * (docs/design.md, "NPIV parent resolution").
 *
 * <p>The candidates are every device with the {@code fc_host} capability, vHBAs included so the
 * answer can say why they were rejected. A candidate is accepted only if it has
 * {@code vport_ops}, meets the request's criterion, is not known to be anything but
 * {@code Online}, and is not known to be full (counts compared as numbers). Accepted candidates
 * are ordered by the request's {@link ParentPolicy}, and the first is chosen.
 *
 * <p>A named parent is never replaced by another one: if no device has that name the answer is
 * {@link Outcome#NOT_FOUND}; if the device is not vport capable it is {@link Outcome#CONFLICT};
 * if it is offline or full it is {@link Outcome#NOT_FOUND} with the reason.
 *
 * <p>Resolution is a pure function of its arguments: every permutation of the same devices gives
 * an equal answer. Stateless and safe to call from any thread.
 */
public final class NpivResolver {

    /** The order of rejected candidates. */
    private static final Comparator<Assessment> BY_NAME =
            Comparator.comparing(Assessment::name, NaturalOrder.NAMES);

    private NpivResolver() {
    }

    /**
     * Resolves the parent for {@code request} among the devices of the request's host.
     *
     * @param request the host, criterion and policy
     * @param devices every device of that host, in any order
     * @return the answer, naming the chosen parent or why there is none
     * @throws InvalidInputException when two devices share a name
     */
    public static NpivAnswer resolve(NpivRequest request, Collection<Device> devices) {
        String host = request.host();
        Map<String, Device> byName = new HashMap<>();
        List<Assessment> accepted = new ArrayList<>();
        List<Assessment> rejected = new ArrayList<>();
        for (Device device : devices) {
            if (byName.putIfAbsent(device.name(), device) != null) {
                throw new InvalidInputException(
                        "duplicate device name " + device.name() + " on host " + host);
            }
            Optional<FcHost> fc = device.fcHost();
            if (fc.isPresent()) {
                Assessment assessment = Assessment.of(device, fc.get(), request.criteria());
                (assessment.accepted() ? accepted : rejected).add(assessment);
            }
        }
        accepted.sort(request.policy().order());
        rejected.sort(BY_NAME);
        List<NpivAnswer.Candidate> candidates = Stream.concat(accepted.stream(), rejected.stream())
                .map(Assessment::toCandidate)
                .toList();
        Optional<Assessment> chosen = accepted.stream().findFirst();
        Verdict verdict = chosen
                .map(parent -> found(request, parent, accepted.size(), candidates.size()))
                .orElseGet(() -> notFound(request, byName, rejected));
        return new NpivAnswer(host, request.criteria().wireName(), request.policy().wireName(),
                chosen.map(Assessment::toParent), candidates, verdict.outcome(), verdict.message());
    }

    private record Verdict(Outcome outcome, String message) {
    }

    private static Verdict found(NpivRequest request, Assessment parent, int acceptedCount,
            int candidateCount) {
        return new Verdict(Outcome.FOUND, "chose " + parent.name() + " on host " + request.host()
                + " by " + request.policy().wireName() + " from " + acceptedCount + " accepted of "
                + candidateCount + " candidates");
    }

    /** Why nothing was chosen; {@code rejected} holds every candidate. */
    private static Verdict notFound(NpivRequest request, Map<String, Device> byName,
            List<Assessment> rejected) {
        String host = request.host();
        if (request.criteria() instanceof Criteria.ByName named) {
            String name = named.name();
            Device device = byName.get(name);
            if (device == null) {
                return new Verdict(Outcome.NOT_FOUND, "no device named " + name + " on host " + host);
            }
            if (!device.isVportCapable()) {
                return new Verdict(Outcome.CONFLICT, "named parent " + name + " on host " + host
                        + " is not vport capable: " + (device.isVhba()
                                ? "it is a vHBA (fc_host without vport_ops)"
                                : "it has no fc_host capability"));
            }
            String reason = rejected.stream().filter(c -> c.name().equals(name)).findFirst()
                    .map(Assessment::reason).orElseThrow();
            return new Verdict(Outcome.NOT_FOUND, "named parent " + name + " on host " + host
                    + " cannot take a vport: " + reason);
        }
        return new Verdict(Outcome.NOT_FOUND, rejected.isEmpty()
                ? "no fc_host devices on host " + host
                : "no vport-capable parent on host " + host + " matches " + request.criteria()
                        + ": all " + rejected.size() + " candidates rejected");
    }
}
