package io.nodedex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * An answer before it becomes an HTTP response: status, content type, body and extra headers.
 * Immutable; the body array is never modified once built.
 */
record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";

    ApiResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
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
