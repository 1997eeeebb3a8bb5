package io.nodedex.npiv;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.util.Optional;

/**
 * The verdict on one fc_host candidate, with what the policies order by. Checks run in a fixed
 * order and the first failing one is the reason: vport_ops, the criterion, the port state, the
 * capacity.
 */
record Assessment(String name, FcHost fcHost, Optional<VportOps> vportOps, boolean accepted,
        String reason) {

    static final String NO_VPORT_OPS = "vHBA: no vport_ops";

    /** Assesses one device, whose {@code fc_host} capability is {@code fc}, against a criterion. */
    static Assessment of(Device candidate, FcHost fc, Criteria criteria) {
        Optional<VportOps> ops = candidate.vportOps();
        Optional<String> rejection = rejection(candidate.name(), fc, ops, criteria);
        return rejection.isPresent()
                ? new Assessment(candidate.name(), fc, ops, false, rejection.get())
                : new Assessment(candidate.name(), fc, ops, true,
                        "vport capable, " + stateText(fc) + ", " + capacityText(ops.get()));
    }

    private static Optional<String> rejection(String name, FcHost fc, Optional<VportOps> ops,
            Criteria criteria) {
        if (ops.isEmpty()) {
            return Optional.of(NO_VPORT_OPS);
        }
        Optional<String> mismatch = criteria.mismatch(name, fc);
        if (mismatch.isPresent()) {
            return mismatch;
        }
        Optional<String> state = fc.portState();
        if (state.isPresent() && !state.get().equals(FcHost.ONLINE)) {
            return Optional.of("port state " + state.get() + ", not " + FcHost.ONLINE);
        }
        VportOps vports = ops.get();
        if (vports.capacityKnown() && vports.vports() >= vports.maxVports()) {
            return Optional.of("full: " + vports.vports() + " of " + vports.maxVports() + " vports in use");
        }
        return Optional.empty();
    }

    private static String stateText(FcHost fc) {
        return fc.portState().isPresent() ? FcHost.ONLINE : "port state unknown";
    }

    private static String capacityText(VportOps vports) {
        return vports.capacityKnown()
                ? vports.freeVports() + " of " + vports.maxVports() + " vports free"
                : "capacity unknown (max_vports 0)";
    }

    Wwn wwpn() {
        return fcHost.wwpn();
    }

    /** Free vports; 0 when the capacity is unknown (or for a vHBA). */
    int freeVports() {
        return vportOps.map(VportOps::freeVports).orElse(0);
    }

    NpivAnswer.Candidate toCandidate() {
        return new NpivAnswer.Candidate(name, accepted, reason);
    }

    NpivAnswer.Parent toParent() {
        VportOps vports = vportOps.orElseThrow(() -> new IllegalStateException("not vport capable: " + name));
        return new NpivAnswer.Parent(name, fcHost.wwnn(), fcHost.wwpn(), fcHost.fabricWwn(),
                vports.maxVports(), vports.vports(), vports.freeVports());
    }
}
