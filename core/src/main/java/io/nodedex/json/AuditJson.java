package io.nodedex.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.audit.VhbaAssignment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the audit, shared by the query API and the offline CLI so both print the same
 * bytes. {@code GET /v1/audit} and {@code nodedex audit}:
 *
 * <pre>{@code
 * {"findings": [{"kind": "duplicate_wwpn", "message": "WWPN ... is used by 2 fc_hosts: ...",
 *                "devices": [{"host": "hv01", "name": "scsi_host10"}, ...]}],
 *  "counts": {"duplicate_wwpn": 1, "vhba_without_parent": 0, "parent_over_capacity": 0,
 *             "fabric_mismatch": 0, "vport_count_mismatch": 0}}
 * }</pre>
 *
 * {@code counts} names every kind, in the order findings are listed, 0 for none. And
 * {@code GET /v1/vhbas}:
 *
 * <pre>{@code
 * {"vhbas": [{"host": "hv01", "name": "scsi_host10",
 *             "parent": {"name": "scsi_host3", "status": "ok", "device": {...}},
 *             "vhba": {...}}]}
 * }</pre>
 *
 * {@code parent.name} is {@code null} when the vHBA names none; {@code parent.device} (a
 * {@link DeviceJson} device) is present only when the named device exists on the host.
 */
public final class AuditJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AuditJson() {
    }

    /** The answer of {@code GET /v1/audit}: {@code findings} in the order given, and {@code counts} of them. */
    public static ObjectNode findings(List<Finding> findings) {
        Map<Finding.Kind, Long> counts = new EnumMap<>(Finding.Kind.class);
        for (Finding finding : findings) {
            counts.merge(finding.kind(), 1L, Long::sum);
        }
        return findings(findings, counts);
    }

    /**
     * The answer of {@code GET /v1/audit} when {@code findings} are one page of more: the page in
     * the order given, and {@code counts}, the totals over every finding (a kind not in the map
     * counts 0).
     */
    public static ObjectNode findings(List<Finding> findings, Map<Finding.Kind, Long> counts) {
        ObjectNode body = NODES.objectNode();
        ArrayNode array = body.putArray("findings");
        for (Finding finding : findings) {
            ObjectNode node = array.addObject();
            node.put("kind", finding.kind().wireName());
            node.put("message", finding.message());
            ArrayNode devices = node.putArray("devices");
            for (DeviceRef device : finding.devices()) {
                devices.addObject().put("host", device.host()).put("name", device.name());
            }
        }
        ObjectNode countNode = body.putObject("counts");
        for (Finding.Kind kind : Finding.Kind.values()) {
            countNode.put(kind.wireName(), counts.getOrDefault(kind, 0L));
        }
        return body;
    }

    /** The answer of {@code GET /v1/vhbas}: the assignments in the order given. */
    public static ObjectNode vhbas(List<VhbaAssignment> assignments) {
        ObjectNode body = NODES.objectNode();
        ArrayNode array = body.putArray("vhbas");
        for (VhbaAssignment assignment : assignments) {
            ObjectNode node = array.addObject();
            node.put("host", assignment.host());
            node.put("name", assignment.vhba().name());
            ObjectNode parent = node.putObject("parent");
            assignment.parentName().ifPresentOrElse(name -> parent.put("name", name), () -> parent.putNull("name"));
            parent.put("status", assignment.status().wireName());
            assignment.parent().ifPresent(device -> parent.set("device", DeviceJson.toJson(device)));
            node.set("vhba", DeviceJson.toJson(assignment.vhba()));
        }
        return body;
    }
}
