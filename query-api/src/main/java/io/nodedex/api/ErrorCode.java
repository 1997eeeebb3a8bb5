package io.nodedex.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The {@code error.code} values of error answers and their HTTP statuses. Clients may rely on
 * them: never rename, only add (and document in {@code openapi.json}).
 */
enum ErrorCode {
    /** A malformed value: a WWN, a blank or conflicting parameter, an unknown policy. */
    BAD_REQUEST("bad_request", HttpResponseStatus.BAD_REQUEST),
    /** A query parameter the route does not take, or one given twice. */
    UNKNOWN_PARAMETER("unknown_parameter", HttpResponseStatus.BAD_REQUEST),
    /**
     * A {@code cursor} that is malformed, of another format version, or made for another route or
     * another query of the route.
     */
    BAD_CURSOR("bad_cursor", HttpResponseStatus.BAD_REQUEST),
    /**
     * The route needs a bearer token and the request carries none, a malformed one, or one the
     * server does not know; answered with {@code WWW-Authenticate: Bearer}.
     */
    UNAUTHORIZED("unauthorized", HttpResponseStatus.UNAUTHORIZED),
    /** The token is known, but its role does not grant what the route needs. */
    FORBIDDEN("forbidden", HttpResponseStatus.FORBIDDEN),
    /** No such route, host or device, or nothing with that WWN. */
    NOT_FOUND("not_found", HttpResponseStatus.NOT_FOUND),
    /**
     * A change-feed cursor older than the changes the replica keeps: read the state again and
     * watch from now (as Kubernetes answers a watch too old).
     */
    GONE("gone", HttpResponseStatus.GONE),
    /** The route exists but not for this method. */
    METHOD_NOT_ALLOWED("method_not_allowed", HttpResponseStatus.METHOD_NOT_ALLOWED),
    /** The request carries a body larger than the server accepts. */
    PAYLOAD_TOO_LARGE("payload_too_large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    /** The request URI (path and query) is longer than the server accepts. */
    URI_TOO_LONG("uri_too_long", HttpResponseStatus.REQUEST_URI_TOO_LONG),
    /** The request headers are larger than the server accepts. */
    HEADERS_TOO_LARGE("headers_too_large", HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    /** The request line names a protocol other than HTTP/1.x (e.g. {@code HTTP/2.0}). */
    VERSION_NOT_SUPPORTED("http_version_not_supported", HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED),
    /** The replica has not caught up with the event log yet. */
    NOT_READY("not_ready", HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** Too many expensive requests are queued; retry later. */
    OVERLOADED("overloaded", HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** The request conflicts with the state: a request id used for another request, a physical HBA to delete. */
    CONFLICT("conflict", HttpResponseStatus.CONFLICT),
    /** This server publishes no vHBA requests: it was started without a command key. */
    WRITES_DISABLED("writes_disabled", HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** A bug or a storage failure; the message says what. */
    INTERNAL_ERROR("internal_error", HttpResponseStatus.INTERNAL_SERVER_ERROR);

    private final String wireName;
    private final HttpResponseStatus status;

    ErrorCode(String wireName, HttpResponseStatus status) {
        this.wireName = wireName;
        this.status = status;
    }

    String wireName() {
        return wireName;
    }

    HttpResponseStatus status() {
        return status;
    }
}
