package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.audit.Audit;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.indexer.AuditPage;
import io.nodedex.indexer.HostInfo;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Page;
import io.nodedex.indexer.PageRequest;
import io.nodedex.json.AuditJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fleet says about vHBAs, checked, in pages ({@link Paging}):
 * <ul>
 *   <li>{@code GET /v1/vhbas[?host=..]}: every vHBA with the parent it names and that parent's
 *       status ({@link VhbaAssignment.ParentStatus}), in (host, natural name) order;</li>
 *   <li>{@code GET /v1/audit}: the {@link Audit} findings, in their documented order, with the
 *       count of each kind over all of them; the first page also lists the hosts gone silent
 *       ({@code staleHosts}, at most the page's limit of them, and {@code staleHostCount}: not
 *       heard from for longer than the stale-after time).</li>
 * </ul>
 * The indexer keeps the findings up to date as it applies events, and reads a vHBA's assignment
 * from the vHBA and the device it names; a page reads its own items, never the whole fleet. Both
 * are printed with {@link AuditJson}, as the offline {@code nodedex audit} prints them.
 */
final class AuditRoutes {

    static final String HOST = "host";
    static final String VHBAS = "/v1/vhbas";
    static final String AUDIT = "/v1/audit";

    /** Hosts read per step while looking for stale ones: memory stays bounded by it. */
    private static final int HOST_SCAN_PAGE = 5_000;

    private final IndexReader reader;
    private final Staleness staleness;

    AuditRoutes(IndexReader reader, Staleness staleness) {
        this.reader = reader;
        this.staleness = staleness;
    }

    List<Route> routes() {
        return List.of(
                Route.get(VHBAS, Execution.EXECUTOR, Access.DATA, Role.READ, this::vhbas, HOST, Paging.LIMIT,
                        Paging.CURSOR),
                Route.get(AUDIT, Execution.EXECUTOR, Access.DATA, Role.READ, this::audit, Paging.LIMIT, Paging.CURSOR));
    }

    private ApiResponse vhbas(ApiRequest request) {
        Optional<String> host = request.nonBlankQuery(HOST);
        Paging paging = Paging.of(request, VHBAS, Map.of(HOST, host.orElse("")));
        Page<VhbaAssignment> page = host.map(h -> reader.vhbaAssignments(h, paging.page()))
                .orElseGet(() -> reader.vhbaAssignments(paging.page()));
        if (host.isPresent() && page.items().isEmpty() && reader.host(host.get()).isEmpty()) {
            throw HostRoutes.unknownHost(host.get());
        }
        return ApiResponse.ok(paging.withNext(AuditJson.vhbas(page.items()), page));
    }

    private ApiResponse audit(ApiRequest request) {
        Paging paging = Paging.of(request, AUDIT, Map.of());
        AuditPage findings = reader.findings(paging.page());
        ObjectNode body = AuditJson.findings(findings.page().items(), findings.counts());
        if (paging.page().after().isEmpty()) {
            staleHosts(body, paging.page().limit());
        }
        return ApiResponse.ok(paging.withNext(body, findings.page()));
    }

    /**
     * Adds the hosts not heard from for longer than the stale-after time: the first {@code limit}
     * by id ({@code staleHosts}) and how many there are ({@code staleHostCount}), reading a page of
     * hosts at a time.
     */
    private void staleHosts(ObjectNode body, int limit) {
        ArrayNode stale = body.putArray("staleHosts");
        long count = 0;
        PageRequest request = PageRequest.first(HOST_SCAN_PAGE);
        while (true) {
            Page<HostInfo> hosts = reader.hosts(request);
            for (HostInfo host : hosts.items()) {
                if (staleness.isStale(host.lastSeen())) {
                    if (count++ < limit) {
                        stale.addObject().put("host", host.hostId()).put("lastSeen", host.lastSeen().toString());
                    }
                }
            }
            if (hosts.next().isEmpty()) {
                body.put("staleHostCount", count);
                return;
            }
            request = PageRequest.at(hosts.next().get(), HOST_SCAN_PAGE);
        }
    }
}
