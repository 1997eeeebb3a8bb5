package io.nodedex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.device.Wwn;
import io.nodedex.indexer.VhbaRequestState;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The JSON of a vHBA request as the replica decided it ({@code GET /v1/vhba-requests/{requestId}}). Stateless. */
final class VhbaJson {

    private VhbaJson() {
    }

    static ObjectNode request(VhbaRequestState state) {
        ObjectNode node = Json.object()
                .put("requestId", state.requestId())
                .put("host", state.hostId())
                .put("kind", state.kind().name().toLowerCase(Locale.ROOT))
                .put("state", state.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("request", state.request());
        node.put("parent", state.parent().orElse(null));
        node.put("name", state.name().orElse(null));
        node.put("wwnn", state.wwnn().map(Wwn::toString).orElse(null));
        node.put("wwpn", state.wwpn().map(Wwn::toString).orElse(null));
        node.put("reason", state.reason())
                .put("requestedAt", state.requestedAt().toString())
                .put("updatedAt", state.updatedAt().toString());
        state.resolution().ifPresent(resolution ->
                node.set("resolution", Json.parse(resolution.getBytes(StandardCharsets.UTF_8))));
        return node;
    }

    /** The created vHBA: {@code name, wwnn, wwpn, parent}, with its request. */
    static ObjectNode created(VhbaRequestState state) {
        ObjectNode node = Json.object()
                .put("name", state.name().orElseThrow())
                .put("wwnn", state.wwnn().orElseThrow().toString())
                .put("wwpn", state.wwpn().orElseThrow().toString())
                .put("parent", state.parent().orElseThrow())
                .put("host", state.hostId())
                .put("requestId", state.requestId());
        return node;
    }

    /** The resolver's answer of a refused create, as {@code GET /v1/npiv/parent} gives it, with the request. */
    static JsonNode refused(VhbaRequestState state) {
        ObjectNode node = state.resolution()
                .map(resolution -> (ObjectNode) Json.parse(resolution.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(Json::object);
        node.putObject("error").put("code", state.state() == VhbaRequestState.State.CONFLICT ? "conflict" : "not_found")
                .put("message", state.reason());
        node.put("requestId", state.requestId());
        return node;
    }
}
