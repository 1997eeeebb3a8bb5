package io.nodedex.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.npiv.NpivAnswer;

/**
 * The JSON form of an NPIV parent answer, shared by the offline CLI and
 * {@code GET /v1/npiv/parent}:
 *
 * <pre>{@code
 * {"host": "h1", "criteria": "fabric_wwn", "policy": "lowest-wwpn",
 *  "parent": {"name": "scsi_host5", "wwnn": "...", "wwpn": "...", "fabricWwn": "...",
 *             "maxVports": 127, "vports": 3, "freeVports": 124},
 *  "candidates": [{"name": "scsi_host5", "accepted": true, "reason": "..."},
 *                 {"name": "scsi_host11", "accepted": false, "reason": "vHBA: no vport_ops"}],
 *  "message": "..."}
 * }</pre>
 *
 * {@code parent} is {@code null} when no candidate was accepted.
 */
public final class NpivJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NpivJson() {
    }

    public static ObjectNode toJson(NpivAnswer answer) {
        ObjectNode node = NODES.objectNode();
        node.put("host", answer.host());
        node.put("criteria", answer.criteria());
        node.put("policy", answer.policy());
        answer.parent().ifPresentOrElse(parent -> node.set("parent", parent(parent)), () -> node.putNull("parent"));
        ArrayNode candidates = node.putArray("candidates");
        for (NpivAnswer.Candidate candidate : answer.candidates()) {
            candidates.addObject()
                    .put("name", candidate.name())
                    .put("accepted", candidate.accepted())
                    .put("reason", candidate.reason());
        }
        node.put("message", answer.message());
        return node;
    }

    private static ObjectNode parent(NpivAnswer.Parent parent) {
        ObjectNode node = NODES.objectNode();
        node.put("name", parent.name());
        node.put("wwnn", parent.wwnn().toString());
        node.put("wwpn", parent.wwpn().toString());
        parent.fabricWwn().ifPresentOrElse(wwn -> node.put("fabricWwn", wwn.toString()), () -> node.putNull("fabricWwn"));
        node.put("maxVports", parent.maxVports());
        node.put("vports", parent.vports());
        node.put("freeVports", parent.freeVports());
        return node;
    }
}
