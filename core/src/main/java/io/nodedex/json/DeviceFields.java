package io.nodedex.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.device.Device;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What changed between two versions of a device, field by field, in the names a person reads
 * ({@code parent}, {@code fc_host portState}, {@code vport_ops vports}, {@code pci vendor@id}):
 * the device's {@link DeviceJson} form flattened. Stateless.
 */
public final class DeviceFields {

    private static final List<String> DEVICE_FIELDS = List.of("parent", "sysfsPath", "driver");

    private DeviceFields() {
    }

    /**
     * One field that differs.
     *
     * @param field e.g. {@code fc_host portState}
     * @param from its value before; empty when it is new
     * @param to its value after; empty when it is gone
     */
    public record FieldChange(String field, Optional<String> from, Optional<String> to) {
        public FieldChange {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The fields that differ from {@code before} to {@code after}, in field name order. */
    public static List<FieldChange> between(Device before, Device after) {
        SortedMap<String, String> old = flatten(before);
        SortedMap<String, String> now = flatten(after);
        TreeMap<String, FieldChange> changes = new TreeMap<>();
        now.forEach((field, value) -> {
            String was = old.get(field);
            if (!value.equals(was)) {
                changes.put(field, new FieldChange(field, Optional.ofNullable(was), Optional.of(value)));
            }
        });
        old.forEach((field, value) -> {
            if (!now.containsKey(field)) {
                changes.put(field, new FieldChange(field, Optional.of(value), Optional.empty()));
            }
        });
        return List.copyOf(changes.values());
    }

    /** The device's fields and their values as text; an unknown value ({@code null}) is {@code unknown}. */
    static SortedMap<String, String> flatten(Device device) {
        JsonNode json = DeviceJson.toJson(device);
        SortedMap<String, String> fields = new TreeMap<>();
        for (String name : DEVICE_FIELDS) {
            if (json.has(name)) {
                fields.put(name, json.get(name).asText());
            }
        }
        attributes(json.path("attributes"), "attribute", fields);
        for (JsonNode capability : json.path("capabilities")) {
            String type = capability.path("type").asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = capability.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("type")) {
                    continue;
                }
                if (field.getKey().equals("attributes") && field.getValue().isArray()) {
                    attributes(field.getValue(), type, fields);
                } else {
                    fields.put(type + " " + field.getKey(), field.getValue().isNull() ? "unknown"
                            : field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
                }
            }
        }
        return fields;
    }

    private static void attributes(JsonNode attributes, String prefix, SortedMap<String, String> fields) {
        for (JsonNode attribute : attributes) {
            fields.put(prefix + " " + attribute.path("key").asText(), attribute.path("value").asText());
        }
    }
}
