package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.api.audit.Audit;
import io.nodedex.api.audit.DeviceRef;
import io.nodedex.api.audit.Finding;
import io.nodedex.api.audit.VhbaAssignment;
import io.nodedex.indexer.HostDevice;
import io.nodedex.indexer.IndexReader;
import io.nodedex.json.DeviceJson;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the fleet says about vHBAs, checked:
 * <ul>
 *   <li>{@code GET /v1/vhbas[?host=..]}: every vHBA with the parent it names and that parent's
 *       status ({@link VhbaAssignment.ParentStatus}), in (host, natural name) order;</li>
 *   <li>{@code GET /v1/audit}: the {@link Audit} findings, in {@link Finding#ORDER}, with a count
 *       per kind.</li>
 * </ul>
 * Both read every device of the datacenter (or of the host) from one snapshot.
 */
final class AuditRoutes {

    static final String HOST = "host";

    private final IndexReader reader;

    AuditRoutes(IndexReader reader) {
        this.reader = reader;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/v1/vhbas", Execution.EXECUTOR, Access.DATA, this::vhbas, HOST),
                Route.get("/v1/audit", Execution.EXECUTOR, Access.DATA, request -> audit()));
    }

    private ApiResponse vhbas(ApiRequest request) {
        List<HostDevice> devices = request.nonBlankQuery(HOST)
                .map(host -> HostRoutes.devicesOf(reader, host).stream().map(d -> new HostDevice(host, d)).toList())
                .orElseGet(reader::allDevices);
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("vhbas");
        for (VhbaAssignment assignment : VhbaAssignment.of(devices)) {
            ObjectNode node = array.addObject();
            node.put("host", assignment.host());
            node.put("name", assignment.vhba().name());
            ObjectNode parent = node.putObject("parent");
            assignment.parentName().ifPresentOrElse(name -> parent.put("name", name), () -> parent.putNull("name"));
            parent.put("status", assignment.status().wireName());
            assignment.parent().ifPresent(device -> parent.set("device", DeviceJson.toJson(device)));
            node.set("vhba", DeviceJson.toJson(assignment.vhba()));
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse audit() {
        List<Finding> findings = Audit.of(reader.allDevices());
        Map<Finding.Kind, Integer> counts = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind kind : Finding.Kind.values()) {
            counts.put(kind, 0);
        }
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("findings");
        for (Finding finding : findings) {
            counts.merge(finding.kind(), 1, Integer::sum);
            ObjectNode node = array.addObject();
            node.put("kind", finding.kind().wireName());
            node.put("message", finding.message());
            ArrayNode devices = node.putArray("devices");
            for (DeviceRef device : finding.devices()) {
                devices.addObject().put("host", device.host()).put("name", device.name());
            }
        }
        ObjectNode countNode = body.putObject("counts");
        counts.forEach((kind, count) -> countNode.put(kind.wireName(), count));
        return ApiResponse.ok(body);
    }
}
