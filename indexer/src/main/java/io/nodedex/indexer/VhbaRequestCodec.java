package io.nodedex.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.device.Wwn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored form of a {@link VhbaRequestState} ({@link Table#VHBA_REQUESTS}, {@link Table#VHBA_OPEN}):
 * compact JSON with its fields always in the same order and absent ones left out, so equal
 * states are equal bytes (the state digest compares replicas byte for byte). Stateless.
 */
final class VhbaRequestCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VhbaRequestCodec() {
    }

    static byte[] encode(VhbaRequestState state) {
        ObjectNode node = JSON.createObjectNode()
                .put("requestId", state.requestId())
                .put("host", state.hostId())
                .put("kind", state.kind().name())
                .put("request", state.request())
                .put("state", state.state().name());
        state.parent().ifPresent(parent -> node.put("parent", parent));
        state.name().ifPresent(name -> node.put("name", name));
        state.wwnn().ifPresent(wwnn -> node.put("wwnn", wwnn.toString()));
        state.wwpn().ifPresent(wwpn -> node.put("wwpn", wwpn.toString()));
        node.put("reason", state.reason());
        state.resolution().ifPresent(resolution -> node.put("resolution", resolution));
        node.put("requestedAt", micros(state.requestedAt())).put("updatedAt", micros(state.updatedAt()));
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a vHBA request", e);
        }
    }

    static VhbaRequestState decode(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt vHBA request row", e);
        }
        return new VhbaRequestState(node.get("requestId").asText(), node.get("host").asText(),
                VhbaRequestState.Kind.valueOf(node.get("kind").asText()), node.get("request").asText(),
                VhbaRequestState.State.valueOf(node.get("state").asText()), text(node, "parent"), text(node, "name"),
                text(node, "wwnn").map(Wwn::parse), text(node, "wwpn").map(Wwn::parse), node.get("reason").asText(),
                text(node, "resolution"), instant(node.get("requestedAt").asLong()),
                instant(node.get("updatedAt").asLong()));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L).plusSeconds(Math.floorDiv(micros, 1_000_000L));
    }
}
