package io.nodedex.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of devices, shared by the offline CLI and the query API so both print the same
 * shape. Absent optional fields are omitted; WWNs are 16 lower-case hex digits.
 *
 * <pre>{@code
 * {"name": "scsi_host5", "parent": "pci_0000_05_00_0", "sysfsPath": "/sys/devices/...",
 *  "driver": "lpfc", "attributes": [{"key": "devnode@type", "value": "dev"}, ...],
 *  "capabilities": [{"type": "scsi_host", "host": 5, "uniqueId": 5},
 *                   {"type": "fc_host", "wwnn": "...", "wwpn": "...", "fabricWwn": "...",
 *                    "portState": "Online", "speed": "8 Gbit"},
 *                   {"type": "vport_ops", "maxVports": 255, "vports": 2, "freeVports": 253},
 *                   {"type": "pci", "attributes": [{"key": "vendor@id", "value": "0x8086"}]}]}
 * }</pre>
 */
public final class DeviceJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DeviceJson() {
    }

    /** An array of devices, in the order given. */
    public static ArrayNode toJson(Collection<Device> devices) {
        ArrayNode array = NODES.arrayNode();
        devices.forEach(device -> array.add(toJson(device)));
        return array;
    }

    public static ObjectNode toJson(Device device) {
        ObjectNode node = NODES.objectNode();
        node.put("name", device.name());
        putIfPresent(node, "parent", device.parent());
        putIfPresent(node, "sysfsPath", device.sysfsPath());
        putIfPresent(node, "driver", device.driver());
        if (!device.attributes().isEmpty()) {
            node.set("attributes", attributes(device.attributes()));
        }
        ArrayNode capabilities = node.putArray("capabilities");
        device.capabilities().forEach(capability -> capabilities.add(toJson(capability)));
        return node;
    }

    static ObjectNode toJson(Capability capability) {
        ObjectNode node = NODES.objectNode();
        node.put("type", capability.type());
        if (capability instanceof ScsiHost scsi) {
            node.put("host", scsi.host());
            scsi.uniqueId().ifPresent(id -> node.put("uniqueId", id));
        } else if (capability instanceof FcHost fc) {
            node.put("wwnn", fc.wwnn().toString());
            node.put("wwpn", fc.wwpn().toString());
            fc.fabricWwn().ifPresent(wwn -> node.put("fabricWwn", wwn.toString()));
            putIfPresent(node, "portState", fc.portState());
            putIfPresent(node, "speed", fc.speed());
        } else if (capability instanceof VportOps ops) {
            node.put("maxVports", ops.maxVports());
            node.put("vports", ops.vports());
            if (ops.capacityKnown()) {
                node.put("freeVports", ops.freeVports());
            }
        } else if (capability instanceof FcRemotePort rport) {
            node.put("rport", rport.rport());
            node.put("wwpn", rport.wwpn().toString());
        } else if (capability instanceof GenericCapability generic) {
            node.set("attributes", attributes(generic.attributes()));
        }
        return node;
    }

    private static ArrayNode attributes(List<Attribute> attributes) {
        ArrayNode array = NODES.arrayNode();
        for (Attribute attribute : attributes) {
            array.addObject().put("key", attribute.key()).put("value", attribute.value());
        }
        return array;
    }

    private static void putIfPresent(ObjectNode node, String field, Optional<String> value) {
        value.ifPresent(v -> node.put(field, v));
    }
}
