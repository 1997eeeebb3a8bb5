package io.nodedex.device;

import java.util.List;
import java.util.Objects;

/**
 * Any capability without a typed record ({@code pci}, {@code net}, {@code usb_device},
 * {@code storage}, {@code mdev}, ...), kept as its type and its attributes in document order.
 */
public record GenericCapability(String type, List<Attribute> attributes) implements Capability {

    public GenericCapability {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new InvalidInputException("capability type must not be blank");
        }
        attributes = List.copyOf(attributes);
    }
}
