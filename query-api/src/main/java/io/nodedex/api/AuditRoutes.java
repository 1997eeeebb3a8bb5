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
import io.nodedex.indexer.PastHost;
import io.nodedex.indexer.PastState;
import io.nodedex.json.AuditJson;
import java.time.Instant;
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
 * Both also answer as the fleet was at a past time ({@code asOf}, {@link AsOf}), from the
 * indexer's history ({@link PastState}), in the same shape with {@code "asOf"} added: the vHBAs
 * walk the hosts in id order until the page is full; the audit walks the whole fleet's history
 * for every page, since the counts cover every finding.
 *
 * <p>The indexer keeps the findings up to date as it applies events, and reads a vHBA's assignment
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
    private final AsOf asOf;

    AuditRoutes(IndexReader reader, Staleness staleness, AsOf asOf) {
        this.reader = reader;
        this.staleness = staleness;
        this.asOf = asOf;
    }

    List<Route> routes() {
        return List.of(
                Route.get(VHBAS, Execution.EXECUTOR, Access.DATA, Role.READ, this::vhbas, HOST, Paging.LIMIT,
                        Paging.CURSOR, AsOf.PARAMETER),
                Route.get(AUDIT, Execution.EXECUTOR, Access.DATA, Role.READ, this::audit, Paging.LIMIT, Paging.CURSOR,
                        AsOf.PARAMETER));
    }

    private ApiResponse vhbas(ApiRequest request) {
        Optional<String> host = request.nonBlankQuery(HOST);
        Optional<Instant> time = asOf.of(request);
        Paging paging = Paging.of(request, VHBAS, Map.of(HOST, host.orElse("")), time);
        Page<VhbaAssignment> page;
        if (time.isPresent()) {
            PastState then = reader.asOf(time.get());
            page = host.map(h -> then.vhbaAssignments(h, paging.page()))
                    .orElseGet(() -> then.vhbaAssignments(paging.page()));
            if (host.isPresent() && page.items().isEmpty() && then.host(host.get()).isEmpty()) {
                throw HostRoutes.unknownHost(host.get(), time);
            }
        } else {
            page = host.map(h -> reader.vhbaAssignments(h, paging.page()))
                    .orElseGet(() -> reader.vhbaAssignments(paging.page()));
            if (host.isPresent() && page.items().isEmpty() && reader.host(host.get()).isEmpty()) {
                throw HostRoutes.unknownHost(host.get());
            }
        }
        return ApiResponse.ok(paging.withNext(withTime(AuditJson.vhbas(page.items()), time), page));
    }

    private ApiResponse audit(ApiRequest request) {
        Optional<Instant> time = asOf.of(request);
        Paging paging = Paging.of(request, AUDIT, Map.of(), time);
        AuditPage findings = time.isPresent() ? reader.asOf(time.get()).findings(paging.page())
                : reader.findings(paging.page());
        ObjectNode body = withTime(AuditJson.findings(findings.page().items(), findings.counts()), time);
        if (paging.page().after().isEmpty()) {
            if (time.isPresent()) {
                staleHostsThen(body, paging.page().limit(), reader.asOf(time.get()));
            } else {
                staleHosts(body, paging.page().limit());
            }
        }
        return ApiResponse.ok(paging.withNext(body, findings.page()));
    }

    /** {@code body} with {@code "asOf"} first when the answer is as of a past time. */
    private static ObjectNode withTime(ObjectNode body, Optional<Instant> time) {
        if (time.isEmpty()) {
            return body;
        }
        ObjectNode timed = Json.object();
        timed.put(AsOf.PARAMETER, time.get().toString());
        timed.setAll(body);
        return timed;
    }

    /**
     * As {@link #staleHosts}, for the hosts as they were at a past time: those certainly silent
     * then ({@link Staleness#wasStale}).
     */
    private void staleHostsThen(ObjectNode body, int limit, PastState then) {
        ArrayNode stale = body.putArray("staleHosts");
        long count = 0;
        PageRequest request = PageRequest.first(HOST_SCAN_PAGE);
        while (true) {
            Page<PastHost> hosts = then.hosts(request);
            for (PastHost host : hosts.items()) {
                if (staleness.wasStale(host, then.time()) && count++ < limit) {
                    stale.addObject().put("host", host.hostId()).put("lastSeen", host.lastSeen().toString());
                }
            }
            if (hosts.next().isEmpty()) {
                body.put("staleHostCount", count);
                return;
            }
            request = PageRequest.at(hosts.next().get(), HOST_SCAN_PAGE);
        }
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
