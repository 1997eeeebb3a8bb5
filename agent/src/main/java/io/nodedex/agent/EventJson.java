package io.nodedex.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.json.DeviceJson;

/**
 * The JSON form of an event, as {@code nodedex agent --dry-run} prints it (devices as
 * {@link DeviceJson} prints them):
 *
 * <pre>{@code
 * {"hostId": "h1", "incarnation": 1718000000000, "sequence": 0, "source": "LIBVIRT",
 *  "observedAt": "2024-06-10T08:00:00.123456Z", "type": "snapshot", "devices": [...]}
 * {"...": "...", "type": "upsert", "device": {...}}
 * {"...": "...", "type": "removal", "name": "scsi_host12"}
 * {"...": "...", "type": "heartbeat"}
 * }</pre>
 */
final class EventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    static ObjectNode toJson(Event event) {
        EventHeader header = event.header();
        ObjectNode node = NODES.objectNode();
        node.put("hostId", header.hostId());
        node.put("incarnation", header.incarnation());
        node.put("sequence", header.sequence());
        node.put("source", header.source().name());
        node.put("observedAt", header.observedAt().toString());
        Payload payload = event.payload();
        if (payload instanceof HostSnapshot snapshot) {
            node.put("type", "snapshot");
            node.set("devices", DeviceJson.toJson(snapshot.devices()));
        } else if (payload instanceof DeviceUpserted upserted) {
            node.put("type", "upsert");
            node.set("device", DeviceJson.toJson(upserted.device()));
        } else if (payload instanceof DeviceRemoved removed) {
            node.put("type", "removal");
            node.put("name", removed.name());
        } else if (payload instanceof Heartbeat) {
            node.put("type", "heartbeat");
        } else {
            throw new IllegalArgumentException("unknown payload " + payload.getClass().getName());
        }
        return node;
    }
}
