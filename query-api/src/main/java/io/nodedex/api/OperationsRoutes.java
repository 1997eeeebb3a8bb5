package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.IngestStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The routes for operators, always served (also before the replica is ready):
 * {@code GET /healthz} (the process serves) and {@code GET /readyz} (200 once caught up with the
 * log end seen at start, else 503 {@code not_ready}), open to anyone; {@code GET /metrics}
 * (Prometheus text), role admin on the API listener; {@code GET /openapi.json} (this API's
 * description), role read.
 */
final class OperationsRoutes {

    private final IndexReader reader;
    private final Readiness readiness;
    private final ApiMetrics metrics;
    private final byte[] openApi;

    OperationsRoutes(IndexReader reader, Readiness readiness, ApiMetrics metrics, byte[] openApi) {
        this.reader = reader;
        this.readiness = readiness;
        this.metrics = metrics;
        this.openApi = openApi.clone();
    }

    List<Route> routes() {
        return List.of(
                Route.get("/healthz", Execution.EVENT_LOOP, Access.OPERATIONAL, Role.ANYONE, request -> health()),
                Route.get("/readyz", Execution.EVENT_LOOP, Access.OPERATIONAL, Role.ANYONE, request -> ready()),
                Route.get("/metrics", Execution.EXECUTOR, Access.MONITORING, Role.ADMIN, request -> metrics()),
                Route.get("/openapi.json", Execution.EVENT_LOOP, Access.DOCUMENT, Role.READ, request -> openApi()));
    }

    private static ApiResponse health() {
        ObjectNode body = Json.object();
        body.put("status", "up");
        return ApiResponse.ok(body);
    }

    private ApiResponse ready() {
        if (!readiness.check()) {
            return ApiResponse.error(ErrorCode.NOT_READY, readiness.describe());
        }
        IngestStatus status = reader.ingestStatus();
        ObjectNode body = Json.object();
        body.put("status", "ready");
        body.put("lag", status.lag());
        ObjectNode positions = body.putObject("positions");
        status.positions().forEach((partition, offset) -> positions.put(partition.toString(), offset));
        ObjectNode ends = body.putObject("endOffsets");
        status.endOffsets().forEach((partition, offset) -> ends.put(partition.toString(), offset));
        return ApiResponse.ok(body);
    }

    private ApiResponse metrics() {
        return new ApiResponse(HttpResponseStatus.OK, ApiMetrics.CONTENT_TYPE,
                metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private ApiResponse openApi() {
        return new ApiResponse(HttpResponseStatus.OK, ApiResponse.JSON, openApi, Map.of());
    }
}
