package io.nodedex.event;

import io.nodedex.device.InvalidInputException;
import java.util.Objects;

/**
 * An API server asks for the event's host's vHBA {@code name} to be destroyed (docs/design.md,
 * "Decisions are events"). Replicas refuse it when the device is not a vHBA.
 *
 * @param requestId the client's id for the request ({@link VhbaRequestId})
 * @param name the vHBA's device name
 */
public record VhbaDeleteRequested(String requestId, String name) implements Payload {

    public VhbaDeleteRequested {
        VhbaRequestId.check(requestId);
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.indexOf('\0') >= 0) {
            throw new InvalidInputException("vHBA name must not be blank or hold a zero character");
        }
    }
}
