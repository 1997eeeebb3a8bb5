package io.nodedex.api;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns decoded requests into {@link Exchange}s: checks the protocol version (HTTP/1.x, else 505)
 * and the {@code Host} header (one; required by HTTP/1.1), checks the limits, routes, lets the
 * {@link Authenticator} check the caller's token against the route's role (before anything else
 * about the route is said: an unauthenticated caller cannot even learn which paths exist),
 * validates the query parameters against the route, applies the readiness gate, and answers
 * inventory requests from the {@link ResponseCache} when it holds the answer for the current
 * state; a cached answer is never served before the token was checked. The web page's files
 * ({@link WebAssets}) are answered before routing, to anyone: they hold no data. Runs on
 * event-loop threads; immutable apart from what it shares (thread-safe {@link Readiness} and
 * cache).
 */
final class Dispatcher {

    /** The longest request URI (path and query) accepted; longer ones get 414. */
    static final int MAX_URI_LENGTH = 2048;
    /** The decoder's hard limit on the request line; beyond it the request cannot be read. */
    static final int MAX_REQUEST_LINE = 4096;
    /** The decoder's limit on all header lines together. */
    static final int MAX_HEADER_SIZE = 8192;

    private final Router router;
    private final Authenticator authenticator;
    private final Readiness readiness;
    private final ResponseCache cache;
    private final WebAssets assets;

    Dispatcher(Router router, Authenticator authenticator, Readiness readiness, ResponseCache cache,
            WebAssets assets) {
        this.router = router;
        this.authenticator = authenticator;
        this.readiness = readiness;
        this.cache = cache;
        this.assets = assets;
    }

    Exchange exchange(FullHttpRequest request) {
        String method = request.method().name();
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            return Exchange.immediate(method, ApiMetrics.UNMATCHED, undecodable(decoded.cause()), true);
        }
        HttpVersion protocol = request.protocolVersion();
        if (!"HTTP".equals(protocol.protocolName()) || protocol.majorVersion() != 1) {
            // not HTTP/1.x: the rest of the stream cannot be read as HTTP/1.1, so the connection closes
            return Exchange.immediate(method, ApiMetrics.UNMATCHED, ApiResponse.error(ErrorCode.VERSION_NOT_SUPPORTED,
                    "protocol " + protocol.text() + " is not supported; this server speaks HTTP/1.1 and HTTP/1.0"),
                    true);
        }
        int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
        if (hosts > 1 || (hosts == 0 && protocol.minorVersion() >= 1)) {
            return refuse(method, ErrorCode.BAD_REQUEST, hosts == 0
                    ? "an HTTP/1.1 request must carry a Host header (RFC 9112, section 3.2)"
                    : "the request carries " + hosts + " Host headers; give one");
        }
        String uri = request.uri();
        if (uri.length() > MAX_URI_LENGTH) {
            return refuse(method, ErrorCode.URI_TOO_LONG, "the request URI is " + uri.length()
                    + " characters long; the limit is " + MAX_URI_LENGTH + " (path and query string together)");
        }
        QueryStringDecoder query = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_URI_LENGTH, true);
        Optional<WebAssets.Asset> asset = assets.find(query.rawPath());
        if (asset.isPresent()) {
            return webFile(request, asset.get(), query);
        }
        List<String> segments;
        try {
            segments = segments(query.rawPath());
        } catch (IllegalArgumentException e) {
            return refuse(method, ErrorCode.BAD_REQUEST, "malformed percent-encoding in the path '" + query.rawPath()
                    + "': " + e.getMessage());
        }
        Router.Resolution resolution = router.resolve(request.method(), segments);
        if (!(resolution instanceof Router.Matched matched)) {
            // only a caller who may read learns which routes exist
            Optional<ApiResponse> refused = authenticator.refusal(request.headers(), Role.READ,
                    method + " " + query.rawPath());
            if (refused.isPresent()) {
                return Exchange.immediate(method, ApiMetrics.UNMATCHED, refused.get(), false);
            }
            return unrouted(method, query.rawPath(), resolution);
        }
        return routed(request, matched, query);
    }

    private Exchange routed(FullHttpRequest request, Router.Matched matched, QueryStringDecoder query) {
        String method = request.method().name();
        Route route = matched.route();
        String template = route.template().toString();
        Optional<ApiResponse> refused = authenticator.refusal(request.headers(), route.role(),
                route.method() + " " + template);
        if (refused.isPresent()) {
            return Exchange.immediate(method, template, refused.get(), false);
        }
        Map<String, String> parameters;
        try {
            parameters = queryParameters(route, query);
        } catch (ApiException e) {
            return Exchange.immediate(method, template, ApiResponse.error(e.code(), e.getMessage()), false);
        }
        if ((route.access() == Access.DATA || route.access() == Access.LIVE) && !readiness.check()) {
            return Exchange.immediate(method, template, ApiResponse.error(ErrorCode.NOT_READY,
                    "not ready: " + readiness.describe()), false);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : ApiRequest.READ_HEADERS) {
            String value = request.headers().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        ApiRequest apiRequest = new ApiRequest(matched.pathParameters(), parameters, headers,
                route.execution() == Execution.WAITING ? ByteBufUtil.getBytes(request.content()) : new byte[0]);
        if (route.access() != Access.DATA || !cache.enabled() || route.execution() == Execution.WAITING) {
            return new Exchange(method, template, route.execution(), false, () -> route.handler().handle(apiRequest));
        }
        String uri = request.uri();
        Optional<ApiResponse> cached = cache.get(uri);
        if (cached.isPresent()) {
            return Exchange.immediate(method, template, cached.get(), false);
        }
        ResponseCache.Version version = cache.version();
        return new Exchange(method, template, route.execution(), false, () -> cache.put(uri, version,
                Exchange.run(method, template, () -> route.handler().handle(apiRequest))));
    }

    /** A file of the web page: open to anyone, {@code GET} and {@code HEAD} only, no query parameters. */
    private static Exchange webFile(FullHttpRequest request, WebAssets.Asset asset, QueryStringDecoder query) {
        String method = request.method().name();
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            return Exchange.immediate(method, asset.route(), ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED,
                    "method " + method + " is not allowed on " + asset.path() + "; allowed: " + WebAssets.ALLOWED,
                    Map.of(HttpHeaderNames.ALLOW.toString(), WebAssets.ALLOWED)), false);
        }
        if (!query.rawQuery().isEmpty()) {
            return Exchange.immediate(method, asset.route(), ApiResponse.error(ErrorCode.UNKNOWN_PARAMETER,
                    "the web page's file " + asset.path() + " takes no query parameters, got '" + query.rawQuery()
                            + "'"), false);
        }
        return Exchange.immediate(method, asset.route(), WebAssets.answer(asset, request.headers()), false);
    }

    private static Exchange unrouted(String method, String path, Router.Resolution resolution) {
        if (resolution instanceof Router.WrongMethod wrong) {
            String allowed = String.join(", ", wrong.allowed());
            return Exchange.immediate(method, ApiMetrics.UNMATCHED, ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED,
                    "method " + method + " is not allowed on " + path + "; allowed: " + allowed,
                    Map.of(HttpHeaderNames.ALLOW.toString(), allowed)), false);
        }
        return refuse(method, ErrorCode.NOT_FOUND, "no route for " + method + " " + path
                + "; the routes are described at /openapi.json");
    }

    private static Exchange refuse(String method, ErrorCode code, String message) {
        return Exchange.immediate(method, ApiMetrics.UNMATCHED, ApiResponse.error(code, message), false);
    }

    private static ApiResponse undecodable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiResponse.error(ErrorCode.URI_TOO_LONG, "the request line is longer than " + MAX_REQUEST_LINE
                    + " bytes; the request URI may be at most " + MAX_URI_LENGTH + " characters");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiResponse.error(ErrorCode.HEADERS_TOO_LARGE, "the request headers are larger than "
                    + MAX_HEADER_SIZE + " bytes");
        }
        String detail = cause instanceof TooLongFrameException || cause.getMessage() == null
                ? cause.toString() : cause.getMessage();
        return ApiResponse.error(ErrorCode.BAD_REQUEST, "malformed HTTP request: " + detail);
    }

    /** The path after the leading {@code /}, split at {@code /}, each segment percent-decoded. */
    private static List<String> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return List.of(rawPath);
        }
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>(raw.length);
        for (String segment : raw) {
            // a '+' in a path is a plus sign, not a space as in a query string
            segments.add(segment.indexOf('%') < 0 ? segment
                    : QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return segments;
    }

    /** The query parameters, each given once and each declared by the route. */
    private static Map<String, String> queryParameters(Route route, QueryStringDecoder query) {
        Map<String, List<String>> given;
        try {
            given = query.parameters();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "malformed query string '" + query.rawQuery() + "': "
                    + e.getMessage());
        }
        Map<String, String> parameters = new HashMap<>();
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            String name = parameter.getKey();
            if (!route.queryParameters().contains(name)) {
                throw new ApiException(ErrorCode.UNKNOWN_PARAMETER, "unknown query parameter '" + name + "' for "
                        + route.method() + " " + route.template() + "; it takes " + (route.queryParameters().isEmpty()
                                ? "no query parameters" : String.join(", ", new TreeSet<>(route.queryParameters()))));
            }
            if (parameter.getValue().size() > 1) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "query parameter '" + name + "' is given "
                        + parameter.getValue().size() + " times; give it once");
            }
            parameters.put(name, parameter.getValue().get(0));
        }
        return parameters;
    }
}
