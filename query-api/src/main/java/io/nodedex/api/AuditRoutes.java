package io.nodedex.api;

import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.audit.Audit;
import io.nodedex.audit.VhbaAssignment;
import io.nodedex.indexer.AuditPage;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Page;
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
 *       count of each kind over all of them.</li>
 * </ul>
 * The indexer keeps the findings up to date as it applies events, and reads a vHBA's assignment
 * from the vHBA and the device it names; a page reads its own items, never the whole fleet. Both
 * are printed with {@link AuditJson}, as the offline {@code nodedex audit} prints them.
 */
final class AuditRoutes {

    static final String HOST = "host";
    static final String VHBAS = "/v1/vhbas";
    static final String AUDIT = "/v1/audit";

    private final IndexReader reader;

    AuditRoutes(IndexReader reader) {
        this.reader = reader;
    }

    List<Route> routes() {
        return List.of(
                Route.get(VHBAS, Execution.EXECUTOR, Access.DATA, this::vhbas, HOST, Paging.LIMIT, Paging.CURSOR),
                Route.get(AUDIT, Execution.EXECUTOR, Access.DATA, this::audit, Paging.LIMIT, Paging.CURSOR));
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
        return ApiResponse.ok(paging.withNext(AuditJson.findings(findings.page().items(), findings.counts()),
                findings.page()));
    }
}
