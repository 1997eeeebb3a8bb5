package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.event.Payload;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import io.nodedex.json.NpivJson;
import io.nodedex.npiv.NpivAnswer;
import io.nodedex.npiv.NpivRequest;
import io.nodedex.npiv.NpivResolver;
import io.nodedex.device.Capability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's vHBA requests during one poll (docs/design.md, "Decisions are events"): folds the
 * requests, outcomes and expiries of the host in log order and decides each request where it
 * stands in the log, so every replica decides alike and two requests for the last free vport never
 * both win.
 *
 * <ul>
 *   <li>{@link VhbaRequested}: NPIV parent resolution over the host's merged devices as the log
 *       leaves them at this record, each parent's vports in use raised by the host's open
 *       reservations on it. Found: the request is {@code RESERVED} on that parent; else it is
 *       refused with the resolver's answer. A WWPN already held by a device or an open request
 *       of the host is a conflict. A request id the host already has is a duplicate: the first stands.
 *   <li>{@link VhbaDeleteRequested}: the device must be a vHBA of the host.
 *   <li>{@link VhbaOutcome}: closes a pending request (created, deleted, failed); ignored otherwise,
 *       and always when it reports a refused command (a forged command naming a real request must
 *       not fail it; the real command follows).
 *   <li>{@link VhbaRequestExpired}: fails a request still pending; ignored otherwise.
 * </ul>
 *
 * <p>A vport is counted as in use by the larger of the parent's counter and its indexed vHBAs,
 * plus its open reservations whose vHBA is not indexed yet: a created vHBA stays reserved until
 * it is indexed, and is never counted twice. Confined to one thread at a time.
 */
final class RequestFold {

    private static final Logger LOG = LoggerFactory.getLogger(RequestFold.class);

    private final Store.ReadView reads;
    private final long hostKey;
    private final String hostId;
    private final Supplier<Map<String, Device>> devices;
    /** Requests read or changed this poll, by id; empty when the host has no such request. */
    private final Map<String, Optional<VhbaRequestState>> requests = new HashMap<>();
    private final Map<String, VhbaRequestState> changed = new TreeMap<>();
    private Map<String, VhbaRequestState> storedOpen;
    private Map<String, VhbaRequestState> open;

    RequestFold(Store.ReadView reads, long hostKey, String hostId, Supplier<Map<String, Device>> devices) {
        this.reads = reads;
        this.hostKey = hostKey;
        this.hostId = hostId;
        this.devices = devices;
    }

    /** Whether {@code payload} is one this fold takes. */
    static boolean folds(Payload payload) {
        return payload instanceof VhbaRequested || payload instanceof VhbaDeleteRequested
                || payload instanceof VhbaOutcome || payload instanceof VhbaRequestExpired;
    }

    /** Folds one record of the host, in log order. */
    void apply(Received received) {
        Payload payload = received.event().payload();
        Instant at = received.loggedAt().orElse(received.event().header().observedAt());
        Map<String, Device> now = devices.get();
        loadOpen();
        if (payload instanceof VhbaRequested requested) {
            if (request(requested.requestId()).isEmpty()) {
                put(decide(requested, now, at));
            }
        } else if (payload instanceof VhbaDeleteRequested delete) {
            if (request(delete.requestId()).isEmpty()) {
                put(decide(delete, now, at));
            }
        } else if (payload instanceof VhbaOutcome outcome) {
            // a refusal is only a report: a forged command for a real request must not fail it
            request(outcome.requestId()).filter(state -> state.state().pending())
                    .filter(state -> outcome.result() != VhbaOutcome.Result.REFUSED)
                    .ifPresentOrElse(state -> put(close(state, outcome, at)),
                            () -> LOG.debug("host {}: outcome of request {} that is not pending, ignored", hostId,
                                    outcome.requestId()));
        } else if (payload instanceof VhbaRequestExpired expired) {
            request(expired.requestId()).filter(state -> state.state().pending())
                    .ifPresent(state -> put(state.with(VhbaRequestState.State.EXPIRED, "host " + hostId
                            + " did not answer within " + expired.timeout().toSeconds() + " s; the request failed"
                            + (state.kind() == VhbaRequestState.Kind.CREATE ? " and its vport was released" : ""),
                            at)));
        }
        sweep(now);
    }

    private VhbaRequestState decide(VhbaRequested requested, Map<String, Device> now, Instant at) {
        Wwn wwnn = requested.vhbaWwnn();
        Wwn wwpn = requested.vhbaWwpn();
        String text = VhbaRequestState.describe(requested);
        Optional<String> taken = holderOf(wwpn, now);
        if (taken.isPresent()) {
            return new VhbaRequestState(requested.requestId(), hostId, VhbaRequestState.Kind.CREATE, text,
                    VhbaRequestState.State.CONFLICT, Optional.empty(), Optional.empty(), Optional.of(wwnn),
                    Optional.of(wwpn), "WWPN " + wwpn + " is already held by " + taken.get() + " on host " + hostId,
                    Optional.empty(), at, at);
        }
        NpivAnswer answer = NpivResolver.resolve(new NpivRequest(hostId, requested.criteria(), requested.policy()),
                withReservations(now));
        VhbaRequestState.State state = switch (answer.outcome()) {
            case FOUND -> VhbaRequestState.State.RESERVED;
            case NOT_FOUND -> VhbaRequestState.State.NOT_FOUND;
            case CONFLICT -> VhbaRequestState.State.CONFLICT;
        };
        return new VhbaRequestState(requested.requestId(), hostId, VhbaRequestState.Kind.CREATE, text, state,
                answer.parent().map(NpivAnswer.Parent::name), Optional.empty(), Optional.of(wwnn), Optional.of(wwpn),
                answer.message(), Optional.of(NpivJson.toJson(answer).toString()), at, at);
    }

    private VhbaRequestState decide(VhbaDeleteRequested delete, Map<String, Device> now, Instant at) {
        String name = delete.name();
        Device device = now.get(name);
        VhbaRequestState.State state;
        String reason;
        if (device == null) {
            state = VhbaRequestState.State.NOT_FOUND;
            reason = "no device named " + name + " on host " + hostId;
        } else if (!device.isVhba()) {
            state = VhbaRequestState.State.CONFLICT;
            reason = name + " on host " + hostId + " is not a vHBA: " + (device.isVportCapable()
                    ? "it is a physical HBA (vport capable)" : "it has no fc_host capability");
        } else {
            state = VhbaRequestState.State.DELETING;
            reason = "destroying " + name + " on host " + hostId;
        }
        Optional<FcHost> fc = Optional.ofNullable(device).flatMap(Device::fcHost);
        return new VhbaRequestState(delete.requestId(), hostId, VhbaRequestState.Kind.DELETE, VhbaRequestState.describe(delete), state,
                Optional.ofNullable(device).flatMap(Device::parent), Optional.of(name), fc.map(FcHost::wwnn),
                fc.map(FcHost::wwpn), reason, Optional.empty(), at, at);
    }

    private static VhbaRequestState close(VhbaRequestState state, VhbaOutcome outcome, Instant at) {
        return switch (outcome.result()) {
            case DONE -> {
                VhbaRequestState done = state.with(state.kind() == VhbaRequestState.Kind.CREATE
                        ? VhbaRequestState.State.CREATED : VhbaRequestState.State.DELETED, outcome.message(), at);
                yield outcome.name().map(done::withName).orElse(done);
            }
            case FAILED -> state.with(VhbaRequestState.State.FAILED, outcome.message(), at);
            case REFUSED -> state;
        };
    }

    /** Who holds {@code wwpn} on the host: a device, or an open request; empty when free. */
    private Optional<String> holderOf(Wwn wwpn, Map<String, Device> now) {
        for (Device device : now.values()) {
            if (device.fcHost().map(fc -> fc.wwpn().equals(wwpn)).orElse(false)) {
                return Optional.of("device " + device.name());
            }
        }
        return open.values().stream().filter(state -> state.wwpn().equals(Optional.of(wwpn))).findFirst()
                .map(state -> "request " + state.requestId());
    }

    /**
     * The host's devices with each vport-capable parent's vports in use raised to its indexed
     * vHBAs where more, plus its reservations whose vHBA is not indexed yet.
     */
    private List<Device> withReservations(Map<String, Device> now) {
        Map<String, Integer> children = new HashMap<>();
        for (Device device : now.values()) {
            if (device.isVhba()) {
                device.parent().ifPresent(parent -> children.merge(parent, 1, Integer::sum));
            }
        }
        Map<String, Integer> reserved = new HashMap<>();
        for (VhbaRequestState state : open.values()) {
            if (state.kind() == VhbaRequestState.Kind.CREATE && state.parent().isPresent()
                    && holderOf(state.wwpn().orElseThrow(), now).filter(h -> h.startsWith("device ")).isEmpty()) {
                reserved.merge(state.parent().get(), 1, Integer::sum);
            }
        }
        List<Device> adjusted = new ArrayList<>(now.size());
        for (Device device : now.values()) {
            Optional<VportOps> ops = device.vportOps();
            int extra = reserved.getOrDefault(device.name(), 0);
            int indexed = children.getOrDefault(device.name(), 0);
            if (ops.isEmpty() || !ops.get().capacityKnown() || (extra == 0 && indexed <= ops.get().vports())) {
                adjusted.add(device);
                continue;
            }
            VportOps inUse = new VportOps(ops.get().maxVports(), Math.max(ops.get().vports(), indexed) + extra);
            List<Capability> capabilities = device.capabilities().stream()
                    .map(capability -> capability instanceof VportOps ? (Capability) inUse : capability).toList();
            adjusted.add(new Device(device.name(), device.parent(), device.sysfsPath(), device.driver(),
                    device.attributes(), capabilities));
        }
        return adjusted;
    }

    /** Closes the reservations of created requests whose vHBA is now indexed under their parent. */
    private void sweep(Map<String, Device> now) {
        for (VhbaRequestState state : List.copyOf(open.values())) {
            if (state.state() == VhbaRequestState.State.CREATED && isIndexed(state, now)) {
                open.remove(state.requestId());
            }
        }
    }

    private static boolean isIndexed(VhbaRequestState state, Map<String, Device> now) {
        return now.values().stream().anyMatch(device -> device.isVhba()
                && device.fcHost().map(fc -> state.wwpn().equals(Optional.of(fc.wwpn()))).orElse(false));
    }

    private void put(VhbaRequestState state) {
        requests.put(state.requestId(), Optional.of(state));
        changed.put(state.requestId(), state);
        boolean stillOpen = state.state().pending() || state.state() == VhbaRequestState.State.CREATED;
        if (stillOpen) {
            open.put(state.requestId(), state);
        } else {
            open.remove(state.requestId());
        }
    }

    private Optional<VhbaRequestState> request(String requestId) {
        return requests.computeIfAbsent(requestId, id -> reads.get(Table.VHBA_REQUESTS, Keys.vhbaRequest(id, hostId))
                .map(VhbaRequestCodec::decode));
    }

    private void loadOpen() {
        if (open != null) {
            return;
        }
        storedOpen = new TreeMap<>();
        reads.scan(Table.VHBA_OPEN, Keys.host(hostKey), (key, value) -> {
            VhbaRequestState state = VhbaRequestCodec.decode(value);
            storedOpen.put(state.requestId(), state);
        });
        open = new TreeMap<>(storedOpen);
    }

    /** The rows of what this poll changed: requests, and open requests put or deleted. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        changed.forEach((id, state) -> rows.add(Row.put(Table.VHBA_REQUESTS, Keys.vhbaRequest(id, hostId),
                VhbaRequestCodec.encode(state))));
        if (open == null) {
            return rows;
        }
        for (String id : storedOpen.keySet()) {
            if (!open.containsKey(id)) {
                rows.add(Row.delete(Table.VHBA_OPEN, Keys.vhbaOpen(hostKey, id)));
            }
        }
        open.forEach((id, state) -> {
            if (!state.equals(storedOpen.get(id))) {
                rows.add(Row.put(Table.VHBA_OPEN, Keys.vhbaOpen(hostKey, id), VhbaRequestCodec.encode(state)));
            }
        });
        return rows;
    }
}
