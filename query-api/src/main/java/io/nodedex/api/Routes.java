package io.nodedex.api;

import io.nodedex.indexer.IndexReader;
import java.util.ArrayList;
import java.util.List;

/** The router's table: every route the server serves, in one place. */
final class Routes {

    private Routes() {
    }

    static List<Route> table(IndexReader reader, Staleness staleness, Readiness readiness, ApiMetrics metrics,
            byte[] openApi) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HostRoutes(reader, staleness).routes());
        routes.addAll(new WwnRoutes(reader).routes());
        routes.addAll(new HistoryRoutes(reader).routes());
        routes.addAll(new NpivRoute(reader).routes());
        routes.addAll(new AuditRoutes(reader, staleness).routes());
        routes.addAll(new OperationsRoutes(reader, readiness, metrics, openApi).routes());
        return routes;
    }
}
