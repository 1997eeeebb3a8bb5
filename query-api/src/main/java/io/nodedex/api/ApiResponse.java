package io.nodedex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import io.netty.channel.ChannelHandlerContext;
import java.util.Objects;

/**
 * An answer before it becomes an HTTP response: status, content type, body and extra headers;
 * or a {@link Continuation} that takes the connection over and answers over time. Immutable; the
 * body array is never modified once built.
 */
record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
        Optional<Continuation> continuation) {

    static final String JSON = "application/json";

    ApiResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(continuation, "continuation");
    }

    ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, Optional.empty());
    }

    /** An answer written over time by {@code continuation} (a long poll, an event stream). */
    static ApiResponse continued(Continuation continuation) {
        return new ApiResponse(HttpResponseStatus.OK, JSON, new byte[0], Map.of(), Optional.of(continuation));
    }

    /**
     * An answer that takes the connection over: it writes its response when it is ready (a long
     * poll) or over and over (an event stream).
     */
    @FunctionalInterface
    interface Continuation {
        /**
         * Starts on the connection's event loop; every later step must run there too. Calls
         * {@code done}, on the event loop, once the connection may serve its next request (never,
         * for a stream that lasts as long as the connection).
         */
        void start(ChannelHandlerContext ctx, Runnable done);
    }

    static ApiResponse ok(JsonNode body) {
        return json(HttpResponseStatus.OK, body);
    }

    static ApiResponse json(HttpResponseStatus status, JsonNode body) {
        return new ApiResponse(status, JSON, Json.bytes(body), Map.of());
    }

    /** {@code {"error": {"code": "...", "message": "..."}}} with the code's status. */
    static ApiResponse error(ErrorCode code, String message) {
        return error(code, message, Map.of());
    }

    static ApiResponse error(ErrorCode code, String message, Map<String, String> headers) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code.wireName()).put("message", message);
        return new ApiResponse(code.status(), JSON, Json.bytes(body), headers);
    }
}
