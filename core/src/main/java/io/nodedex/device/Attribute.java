package io.nodedex.device;

import java.util.Objects;

/**
 * One key/value pair of a device or capability that nodedex keeps without interpreting it.
 *
 * <p>Keys are paths relative to the element that owns them: {@code vendor} for element text,
 * {@code vendor@id} for an attribute, {@code iommuGroup/address@bus} for nested elements. Lists
 * of attributes keep document order, and a repeated element yields repeated keys, so nothing is
 * dropped.
 */
public record Attribute(String key, String value) {
    public Attribute {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
