package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.audit.DeviceRef;
import io.nodedex.device.Device;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.indexer.HostDevice;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Page;
import io.nodedex.indexer.PageRequest;
import io.nodedex.indexer.WwpnMatches;
import io.nodedex.json.DeviceJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Datacenter-wide lookups by WWN, answered from the indexer's WWN indexes, matches in
 * (host, natural name) order, in pages ({@link Paging}):
 * <ul>
 *   <li>{@code GET /v1/wwpn/{wwn}[?asOf=time]}: every fc_host with that port name, now or as it
 *       was then ({@link AsOf}); more than one is a conflict ({@code "conflict": true}, still
 *       200);</li>
 *   <li>{@code GET /v1/fabrics/{wwn}[?asOf=time]}: every HBA and vHBA logged into that fabric,
 *       with the free vports of each parent, now or as it was then.</li>
 * </ul>
 * Nothing with that WWN is a 404.
 */
final class WwnRoutes {

    static final String WWPN = "/v1/wwpn/{wwn}";
    static final String FABRIC = "/v1/fabrics/{wwn}";

    private final IndexReader reader;
    private final AsOf asOf;

    WwnRoutes(IndexReader reader, AsOf asOf) {
        this.reader = reader;
        this.asOf = asOf;
    }

    List<Route> routes() {
        return List.of(
                Route.get(WWPN, Execution.EVENT_LOOP, Access.DATA, Role.READ, this::wwpn, Paging.LIMIT, Paging.CURSOR,
                        AsOf.PARAMETER),
                Route.get(FABRIC, Execution.EXECUTOR, Access.DATA, Role.READ, this::fabric, Paging.LIMIT,
                        Paging.CURSOR, AsOf.PARAMETER));
    }

    private ApiResponse wwpn(ApiRequest request) {
        Wwn wwpn = request.pathWwn("wwn");
        Optional<Instant> time = asOf.of(request);
        Paging paging = Paging.of(request, WWPN, Map.of("wwn", wwpn.toString()), time);
        WwpnMatches matches = time.isPresent() ? reader.wwpnMatches(wwpn, time.get(), paging.page())
                : reader.wwpnMatches(wwpn, paging.page());
        List<DeviceRef> all = matches.all();
        if (all.isEmpty()) {
            throw ApiException.notFound("no fc_host has WWPN " + wwpn + AsOf.suffix(time));
        }
        ObjectNode body = Json.object();
        body.put("wwpn", wwpn.toString());
        time.ifPresent(then -> body.put(AsOf.PARAMETER, then.toString()));
        body.put("conflict", all.size() > 1);
        body.put("message", all.size() == 1 ? "WWPN " + wwpn + " is " + all.get(0)
                : "conflict: WWPN " + wwpn + " is used by " + all.size() + " fc_hosts: "
                        + all.stream().map(DeviceRef::toString).collect(Collectors.joining(", ")));
        ArrayNode array = body.putArray("matches");
        for (HostDevice match : matches.page().items()) {
            array.addObject().put("host", match.hostId()).set("device", DeviceJson.toJson(match.device()));
        }
        return ApiResponse.ok(paging.withNext(body, matches.page()));
    }

    private ApiResponse fabric(ApiRequest request) {
        Wwn fabric = request.pathWwn("wwn");
        Optional<Instant> time = asOf.of(request);
        Paging paging = Paging.of(request, FABRIC, Map.of("wwn", fabric.toString()), time);
        Function<PageRequest, Page<HostDevice>> read = time.isPresent()
                ? page -> reader.asOf(time.get()).devicesByFabric(fabric, page)
                : page -> reader.devicesByFabric(fabric, page);
        Page<HostDevice> members = read.apply(paging.page());
        if (members.items().isEmpty() && (paging.page().after().isEmpty()
                || read.apply(PageRequest.first(1)).items().isEmpty())) {
            throw ApiException.notFound("no fc_host is logged into fabric " + fabric + AsOf.suffix(time));
        }
        ObjectNode body = Json.object();
        body.put("fabricWwn", fabric.toString());
        time.ifPresent(then -> body.put(AsOf.PARAMETER, then.toString()));
        ArrayNode array = body.putArray("members");
        for (HostDevice member : members.items()) {
            Device device = member.device();
            ObjectNode node = array.addObject();
            node.put("host", member.hostId());
            node.put("name", device.name());
            node.put("role", device.isVportCapable() ? "hba" : "vhba");
            Optional<VportOps> ops = device.vportOps();
            if (ops.isPresent()) {
                if (ops.get().capacityKnown()) {
                    node.put("freeVports", ops.get().freeVports());
                } else {
                    node.putNull("freeVports");
                }
            } else {
                device.parent().ifPresentOrElse(parent -> node.put("parent", parent), () -> node.putNull("parent"));
            }
            node.set("device", DeviceJson.toJson(device));
        }
        return ApiResponse.ok(paging.withNext(body, members));
    }
}
