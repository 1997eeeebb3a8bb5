package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.indexer.HostInfo;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Page;
import io.nodedex.indexer.PastHost;
import io.nodedex.indexer.PastState;
import io.nodedex.json.DeviceJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Hosts and their devices:
 * <ul>
 *   <li>{@code GET /v1/hosts}: every host, by id, in pages ({@link Paging}), each with its last-seen
 *       time and whether it went silent ({@link Staleness});</li>
 *   <li>{@code GET /v1/hosts/{host}}: one host, with the names of its vport-capable parents and
 *       vHBAs;</li>
 *   <li>{@code GET /v1/hosts/{host}/devices[?cap=fc_host]}: its devices in natural name order,
 *       optionally only those with a capability, in pages;</li>
 *   <li>each of these also as it was at a past time ({@code asOf}, {@link AsOf}), from the
 *       indexer's history ({@link PastState}), in the same shape with {@code "asOf"} added; a
 *       host's {@code lastSeen} and {@code stale} then are what the history can tell
 *       ({@link PastHost}, {@link Staleness#wasStale});</li>
 *   <li>{@code GET /v1/hosts/{host}/devices/{name}[?asOf=time]}: one device, now or as it was
 *       then ({@link AsOf}).</li>
 * </ul>
 * Devices are printed by {@link DeviceJson}, as the offline CLI prints them.
 */
final class HostRoutes {

    static final String CAP = "cap";
    static final String HOSTS = "/v1/hosts";
    static final String DEVICES = "/v1/hosts/{host}/devices";
    private static final Pattern CAPABILITY_TYPE = Pattern.compile("[a-z0-9_]{1,64}");

    private final IndexReader reader;
    private final Staleness staleness;
    private final AsOf asOf;

    HostRoutes(IndexReader reader, Staleness staleness, AsOf asOf) {
        this.reader = reader;
        this.staleness = staleness;
        this.asOf = asOf;
    }

    List<Route> routes() {
        return List.of(
                Route.get(HOSTS, Execution.EXECUTOR, Access.DATA, Role.READ, this::hosts, Paging.LIMIT, Paging.CURSOR,
                        AsOf.PARAMETER),
                Route.get("/v1/hosts/{host}", Execution.EVENT_LOOP, Access.DATA, Role.READ, this::host,
                        AsOf.PARAMETER),
                Route.get(DEVICES, Execution.EVENT_LOOP, Access.DATA, Role.READ, this::devices, CAP, Paging.LIMIT,
                        Paging.CURSOR, AsOf.PARAMETER),
                Route.get("/v1/hosts/{host}/devices/{name}", Execution.EVENT_LOOP, Access.DATA, Role.READ,
                        this::device, AsOf.PARAMETER));
    }

    private ApiResponse hosts(ApiRequest request) {
        Optional<Instant> time = asOf.of(request);
        Paging paging = Paging.of(request, HOSTS, Map.of(), time);
        ObjectNode body = Json.object();
        time.ifPresent(then -> body.put(AsOf.PARAMETER, then.toString()));
        ArrayNode hosts = body.putArray("hosts");
        if (time.isPresent()) {
            Page<PastHost> page = reader.asOf(time.get()).hosts(paging.page());
            page.items().forEach(host -> hosts.add(hostInfo(host, time.get())));
            return ApiResponse.ok(paging.withNext(body, page));
        }
        Page<HostInfo> page = reader.hosts(paging.page());
        page.items().forEach(host -> hosts.add(hostInfo(host)));
        return ApiResponse.ok(paging.withNext(body, page));
    }

    private ApiResponse host(ApiRequest request) {
        String hostId = request.path("host");
        Optional<Instant> time = asOf.of(request);
        ObjectNode body;
        List<Device> devices;
        if (time.isPresent()) {
            PastState then = reader.asOf(time.get());
            body = hostInfo(then.host(hostId).orElseThrow(() -> unknownHost(hostId, time)), time.get());
            body.put(AsOf.PARAMETER, time.get().toString());
            devices = then.devices(hostId);
        } else {
            body = hostInfo(reader.host(hostId).orElseThrow(() -> unknownHost(hostId, time)));
            devices = reader.devices(hostId);
        }
        body.put("deviceCount", devices.size());
        ArrayNode parents = body.putArray("vportParents");
        ArrayNode vhbas = body.putArray("vhbas");
        for (Device device : devices) {
            if (device.isVportCapable()) {
                parents.add(device.name());
            } else if (device.isVhba()) {
                vhbas.add(device.name());
            }
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse devices(ApiRequest request) {
        String hostId = request.path("host");
        String capability = request.nonBlankQuery(CAP).map(HostRoutes::capabilityType).orElse("");
        Optional<Instant> time = asOf.of(request);
        Paging paging = Paging.of(request, DEVICES, Map.of("host", hostId, CAP, capability), time);
        Predicate<Device> filter = device -> capability.isEmpty() || device.hasCapability(capability);
        Page<Device> page = time.isPresent() ? reader.asOf(time.get()).devices(hostId, filter, paging.page())
                : reader.devices(hostId, filter, paging.page());
        if (page.items().isEmpty() && (time.isPresent() ? reader.asOf(time.get()).host(hostId).isEmpty()
                : reader.host(hostId).isEmpty())) {
            throw unknownHost(hostId, time);
        }
        ObjectNode body = Json.object();
        body.put("host", hostId);
        time.ifPresent(then -> body.put(AsOf.PARAMETER, then.toString()));
        body.set("devices", DeviceJson.toJson(page.items()));
        return ApiResponse.ok(paging.withNext(body, page));
    }

    private ApiResponse device(ApiRequest request) {
        String hostId = request.path("host");
        String name = request.path("name");
        Optional<Instant> time = asOf.of(request);
        Optional<Device> found = time.isPresent() ? reader.device(hostId, name, time.get())
                : reader.device(hostId, name);
        Device device = found.orElseThrow(() -> reader.host(hostId).isEmpty()
                ? unknownHost(hostId, Optional.empty())
                : ApiException.notFound("host " + hostId + " has no device '" + name + "'"
                        + time.map(then -> " as of " + then).orElse("")));
        ObjectNode body = Json.object();
        body.put("host", hostId);
        time.ifPresent(then -> body.put(AsOf.PARAMETER, then.toString()));
        body.set("device", DeviceJson.toJson(device));
        return ApiResponse.ok(body);
    }

    private ObjectNode hostInfo(HostInfo host) {
        ObjectNode node = Json.object();
        node.put("host", host.hostId());
        node.put("lastSeen", host.lastSeen().toString());
        node.put("stale", staleness.isStale(host.lastSeen()));
        return node;
    }

    /** A host as it was at {@code time}, in the shape of {@link #hostInfo(HostInfo)}. */
    private ObjectNode hostInfo(PastHost host, Instant time) {
        ObjectNode node = Json.object();
        node.put("host", host.hostId());
        node.put("lastSeen", host.lastSeen().toString());
        node.put("stale", staleness.wasStale(host, time));
        return node;
    }

    private static String capabilityType(String value) {
        if (!CAPABILITY_TYPE.matcher(value).matches()) {
            throw new InvalidInputException("query parameter " + CAP + ": '" + value
                    + "' is not a capability type (such as fc_host: lower-case letters, digits and _)");
        }
        return value;
    }

    /**
     * The host's devices in natural name order, now or as they were at {@code time}; 404 when the
     * host is unknown (then). One snapshot read when the host has devices, a second only to tell
     * an unknown host from an empty one (a host without devices then was not there then).
     */
    static List<Device> devicesOf(IndexReader reader, String hostId, Optional<Instant> time) {
        List<Device> devices = time.isPresent() ? reader.asOf(time.get()).devices(hostId) : reader.devices(hostId);
        if (devices.isEmpty() && (time.isPresent() || reader.host(hostId).isEmpty())) {
            throw unknownHost(hostId, time);
        }
        return devices;
    }

    static ApiException unknownHost(String hostId) {
        return unknownHost(hostId, Optional.empty());
    }

    /** 404 for a host unknown now, or at {@code time}: none of its devices existed then. */
    static ApiException unknownHost(String hostId, Optional<Instant> time) {
        return ApiException.notFound(time.isEmpty()
                ? "unknown host '" + hostId + "': the indexer has applied no event for it"
                : "unknown host '" + hostId + "' as of " + time.get() + ": the history holds no device of it then");
    }
}
