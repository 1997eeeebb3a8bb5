package io.nodedex.api;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A routed request: the path parameters its route template bound (decoded), its query
 * parameters (decoded; each given at most once, and only those the route declares), the few
 * request headers a route reads ({@link #READ_HEADERS}, by lower-case name) and the body of a
 * write (at most {@link HttpPipeline#MAX_BODY} bytes; empty for the read routes).
 */
record ApiRequest(Map<String, String> pathParameters, Map<String, String> queryParameters,
        Map<String, String> headers, byte[] body) {

    /** The request headers routes read: content negotiation and event-stream resumption. */
    static final List<String> READ_HEADERS = List.of("accept", "last-event-id");

    ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    ApiRequest(Map<String, String> pathParameters, Map<String, String> queryParameters) {
        this(pathParameters, queryParameters, Map.of(), new byte[0]);
    }

    /** A request header among {@link #READ_HEADERS}, by lower-case name; empty when not given. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A path parameter of the route's template; the router guarantees it is bound. */
    String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route binds no path parameter {" + name + "}");
        }
        return value;
    }

    /** A query parameter, empty when not given. */
    Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /** A query parameter that, when given, must not be blank. */
    Optional<String> nonBlankQuery(String name) {
        Optional<String> value = query(name);
        if (value.isPresent() && value.get().isBlank()) {
            throw new InvalidInputException("query parameter " + name + " is given but blank");
        }
        return value;
    }

    /** A path parameter holding a WWN; a malformed one is bad input naming the parameter. */
    Wwn pathWwn(String name) {
        try {
            return Wwn.parse(path(name));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("path parameter {" + name + "}: " + e.getMessage(), e);
        }
    }
}
