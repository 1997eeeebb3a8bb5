package io.nodedex.api;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds the route of a request path. Immutable; safe from any thread. */
final class Router {

    private final List<Route> routes;

    Router(List<Route> routes) {
        Set<String> seen = new HashSet<>();
        for (Route route : routes) {
            if (!seen.add(route.method() + " " + route.template())) {
                throw new IllegalArgumentException("route " + route.method() + " " + route.template() + " twice");
            }
        }
        this.routes = List.copyOf(routes);
    }

    /** The table, in order. */
    List<Route> routes() {
        return routes;
    }

    /** What a request resolves to. */
    sealed interface Resolution permits Matched, WrongMethod, NoRoute {
    }

    /** A route and the path parameters its template bound. */
    record Matched(Route route, Map<String, String> pathParameters) implements Resolution {
    }

    /** The path has routes, but none for this method. */
    record WrongMethod(Set<String> allowed) implements Resolution {
    }

    /** No route has this path. */
    record NoRoute() implements Resolution {
    }

    /**
     * Resolves decoded path {@code segments} (the path split at {@code /}, without the leading
     * one). {@code HEAD} resolves to the {@code GET} route of the path (answered without a body).
     */
    Resolution resolve(HttpMethod method, List<String> segments) {
        HttpMethod wanted = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        List<String> allowed = new ArrayList<>(2);
        for (Route route : routes) {
            Optional<Map<String, String>> bound = route.template().match(segments);
            if (bound.isPresent()) {
                if (route.method().equals(wanted)) {
                    return new Matched(route, bound.get());
                }
                allowed.add(route.method().name());
                if (HttpMethod.GET.equals(route.method())) {
                    allowed.add(HttpMethod.HEAD.name());
                }
            }
        }
        return allowed.isEmpty() ? new NoRoute() : new WrongMethod(new TreeSet<>(allowed));
    }
}
