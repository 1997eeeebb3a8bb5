package io.nodedex.api;

import io.nodedex.indexer.IndexReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's table: every route of the API, in one place. The web page's files are not routes:
 * {@link WebAssets} answers them before routing.
 */
final class Routes {

    private Routes() {
    }

    static List<Route> table(IndexReader reader, Staleness staleness, Readiness readiness, ApiMetrics metrics,
            ChangeWatchers watchers, byte[] openApi, VhbaWrites writes) {
        List<Route> routes = new ArrayList<>();
        AsOf asOf = new AsOf(reader, Clock.systemUTC());
        routes.addAll(new HostRoutes(reader, staleness, asOf).routes());
        routes.addAll(new WwnRoutes(reader, asOf).routes());
        routes.addAll(new HistoryRoutes(reader).routes());
        routes.addAll(new ChangesRoute(reader, watchers).routes());
        routes.addAll(new NpivRoute(reader, asOf).routes());
        routes.addAll(new AuditRoutes(reader, staleness, asOf).routes());
        routes.addAll(new VhbaRoutes(reader, writes).routes());
        routes.addAll(new OperationsRoutes(reader, readiness, metrics, openApi).routes());
        return routes;
    }
}
