package io.nodedex.event;

import io.nodedex.device.InvalidInputException;
import java.util.Objects;

/** A device disappeared from the source that sends this event. */
public record DeviceRemoved(String name) implements Payload {
    public DeviceRemoved {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidInputException("removed device name must not be blank");
        }
    }
}
