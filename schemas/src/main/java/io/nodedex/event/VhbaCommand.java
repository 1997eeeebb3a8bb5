package io.nodedex.event;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host's agent must do for a request that every replica decided the same way
 * (docs/design.md, "Decisions are events"): published to the commands topic, never to the events
 * topic, by an API server once its replica folded the decision, and signed with the API's command
 * key. Several API servers may publish the same command; the agent carries it out once.
 *
 * @param requestId the request it carries out
 * @param action create or destroy
 * @param device create: the parent's name; destroy: the vHBA's name
 * @param wwnn create: the new vHBA's WWNN
 * @param wwpn create: the new vHBA's WWPN
 * @param deadline when the request expires: an agent does not start a command after it
 */
public record VhbaCommand(String requestId, Action action, String device, Optional<Wwn> wwnn, Optional<Wwn> wwpn,
        Instant deadline) implements Payload {

    /** What to do. */
    public enum Action {
        /** Create a vHBA with the given WWNs under the parent. */
        CREATE,
        /** Destroy the vHBA. */
        DESTROY
    }

    public VhbaCommand {
        VhbaRequestId.check(requestId);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(wwnn, "wwnn");
        Objects.requireNonNull(wwpn, "wwpn");
        deadline = Objects.requireNonNull(deadline, "deadline").truncatedTo(ChronoUnit.MICROS);
        if (device.isBlank()) {
            throw new InvalidInputException("a vHBA command names a device");
        }
        if (action == Action.CREATE && (wwnn.isEmpty() || wwpn.isEmpty())) {
            throw new InvalidInputException("a create command carries the new vHBA's WWNN and WWPN");
        }
    }
}
