package io.nodedex.api;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the router's table: method, path template, the query parameters it takes, how
 * and when it runs, and its handler. The table is the single source of the served routes (the
 * OpenAPI test compares the document against it).
 *
 * @param method the HTTP method
 * @param template the path template; its text is the {@code route} tag of the request metrics
 * @param queryParameters every query parameter the route accepts; others are refused
 * @param execution where the handler runs
 * @param access whether the route waits for the replica to catch up, and on which listeners it
 *     is served
 * @param role the role a caller's token must grant on the API listener when the server has a
 *     token file ({@link Authenticator}); the one place a route's right is declared
 * @param handler computes the answer
 */
record Route(HttpMethod method, RouteTemplate template, Set<String> queryParameters, Execution execution,
        Access access, Role role, Handler handler) {

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        queryParameters = Set.copyOf(queryParameters);
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String template, Execution execution, Access access, Role role, Handler handler,
            String... queryParameters) {
        return new Route(HttpMethod.GET, RouteTemplate.parse(template), Set.of(queryParameters), execution, access,
                role, handler);
    }

    /** A route that writes: it may wait for the log, so it runs on the {@link Execution#WAITING} threads. */
    static Route write(HttpMethod method, String template, Role role, Handler handler, String... queryParameters) {
        return new Route(method, RouteTemplate.parse(template), Set.of(queryParameters), Execution.WAITING,
                Access.DATA, role, handler);
    }

    /** Computes a route's answer from a routed request. */
    @FunctionalInterface
    interface Handler {
        /**
         * @throws ApiException for an error answer
         * @throws io.nodedex.device.InvalidInputException for bad input (400)
         */
        ApiResponse handle(ApiRequest request);
    }

    /** Where a handler runs. */
    enum Execution {
        /**
         * On the connection's event-loop thread: reads bounded by one host or one key (a RocksDB
         * snapshot, a prefix scan of a few rows, served from the block cache in microseconds).
         */
        EVENT_LOOP,
        /**
         * On the small executor of the server: datacenter-wide scans (every host, every device,
         * a fabric's members) and the metrics scrape, which must not stall the event loops.
         */
        EXECUTOR,
        /**
         * On the write threads ({@code nodedex-api-write-N}): the write routes, which publish to
         * the log and wait (at most their {@code wait}) until the replica has folded the outcome.
         */
        WAITING
    }

    /** Who may call a route, and when. */
    enum Access {
        /** Inventory data: 503 {@code not_ready} until the replica has caught up; API listener only. */
        DATA,
        /**
         * Inventory data that moves with time (the change feed): 503 {@code not_ready} until the
         * replica has caught up, never cached; API listener only.
         */
        LIVE,
        /** Always served, on the API listener and on the operational listener when served apart. */
        OPERATIONAL,
        /**
         * Always served: on the operational listener when it is served apart (and then only there),
         * else on the API listener ({@code /metrics}).
         */
        MONITORING,
        /** Always served, on the API listener only (the API's own description). */
        DOCUMENT
    }
}
