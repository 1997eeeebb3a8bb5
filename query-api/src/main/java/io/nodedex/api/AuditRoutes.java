package io.nodedex.api;

import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.audit.Audit;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.device.Device;
import io.nodedex.indexer.HostDevice;
import io.nodedex.indexer.IndexReader;
import io.nodedex.json.AuditJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fleet says about vHBAs, checked:
 * <ul>
 *   <li>{@code GET /v1/vhbas[?host=..]}: every vHBA with the parent it names and that parent's
 *       status ({@link VhbaAssignment.ParentStatus}), in (host, natural name) order;</li>
 *   <li>{@code GET /v1/audit}: the {@link Audit} findings, in their documented order, with a count
 *       per kind.</li>
 * </ul>
 * Both read every device of the datacenter (or of the host) from one snapshot and print it with
 * {@link AuditJson}, as the offline {@code nodedex audit} does.
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
        Map<String, List<Device>> hosts = request.nonBlankQuery(HOST)
                .map(host -> Map.of(host, HostRoutes.devicesOf(reader, host)))
                .orElseGet(() -> byHost(reader.allDevices()));
        return ApiResponse.ok(AuditJson.vhbas(VhbaAssignment.of(hosts)));
    }

    private ApiResponse audit() {
        return ApiResponse.ok(AuditJson.findings(Audit.of(byHost(reader.allDevices()))));
    }

    /** Every host's devices, by host id. */
    private static Map<String, List<Device>> byHost(List<HostDevice> devices) {
        Map<String, List<Device>> hosts = new LinkedHashMap<>();
        for (HostDevice hostDevice : devices) {
            hosts.computeIfAbsent(hostDevice.hostId(), host -> new ArrayList<>()).add(hostDevice.device());
        }
        return hosts;
    }
}
