package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The Fibre Channel facts of a device as the API prints it ({@code DeviceJson}), for tables:
 * every field is the text to show, empty when the device does not say.
 */
record FcDevice(String name, String parent, String role, String wwnn, String wwpn, String fabric, String portState,
        String freeVports) {

    /** Reads {@code device}, a device object of the API. */
    static FcDevice of(JsonNode device) {
        JsonNode fc = capability(device, "fc_host");
        JsonNode ops = capability(device, "vport_ops");
        String role = fc.isMissingNode() ? "" : ops.isMissingNode() ? "vhba" : "hba";
        String free = ops.isMissingNode() ? "" : ops.has("freeVports") ? ops.get("freeVports").asText() : "unknown";
        return new FcDevice(ClientCommand.text(device, "name"), ClientCommand.text(device, "parent"), role,
                ClientCommand.text(fc, "wwnn"), ClientCommand.text(fc, "wwpn"), ClientCommand.text(fc, "fabricWwn"),
                ClientCommand.text(fc, "portState"), free);
    }

    private static JsonNode capability(JsonNode device, String type) {
        for (JsonNode capability : device.path("capabilities")) {
            if (type.equals(capability.path("type").asText())) {
                return capability;
            }
        }
        return MissingNode.getInstance();
    }
}
