package io.nodedex.indexer;

import io.nodedex.event.EventHeader;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.HostRetired;
import io.nodedex.event.Payload;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import io.nodedex.event.signing.PublicSigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may publish what (docs/design.md, "Who may publish what"): decides, in log order, whether
 * an event may be applied. Every replica decides alike, since it looks only at the log: the
 * record's signer, the key enrolled for the host by earlier records, and the broker's timestamp
 * of the record.
 *
 * <ul>
 *   <li>When this replica checks signatures (it has the administrators' public key): the
 *       administrators' records ({@link HostEnrolled}, {@link HostRetired}, {@link HostReset})
 *       must be signed by that key, and every other record by the key enrolled for its host.
 *   <li>Where signatures are checked, an API server's vHBA requests and expiries
 *       ({@link #isRequest}) must be signed by the command key; a host's outcome of a command, like
 *       any of its records, by the host's key.
 *   <li>Always: a {@link VhbaCommand} is refused (it belongs on the commands topic); an agent's incarnation (its start time in milliseconds) may not lie more than the
 *       allowed clock skew after the time the broker logged the record. A later one would hold
 *       the host's watermark so far ahead that every real event after it is skipped as a duplicate.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class Admission {

    private final Optional<PublicSigningKey> adminKey;
    private final Duration maxClockSkew;
    private final Optional<PublicSigningKey> commandKey;

    Admission(Optional<PublicSigningKey> adminKey, Duration maxClockSkew) {
        this(adminKey, maxClockSkew, Optional.empty());
    }

    /** @param commandKey the API servers' command key, which must sign {@link #isRequest requests} */
    Admission(Optional<PublicSigningKey> adminKey, Duration maxClockSkew, Optional<PublicSigningKey> commandKey) {
        this.adminKey = Objects.requireNonNull(adminKey, "adminKey");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        this.commandKey = Objects.requireNonNull(commandKey, "commandKey");
    }

    /**
     * Whether {@code payload} is an API server's record: a vHBA request or its expiry, which apply
     * whatever their numbers and, where signatures are checked, only when the command key signed them.
     */
    static boolean isRequest(Payload payload) {
        return payload instanceof VhbaRequested || payload instanceof VhbaDeleteRequested
                || payload instanceof VhbaRequestExpired;
    }

    /** Whether records must carry a valid signature (and so whether decoding checks them). */
    boolean checksSignatures() {
        return adminKey.isPresent();
    }

    /** Whether {@code payload} is one of the administrators' records, which apply whatever their numbers. */
    static boolean isAdministrative(Payload payload) {
        return payload instanceof HostRetired || payload instanceof HostEnrolled || payload instanceof HostReset;
    }

    /**
     * Why {@code received} may not be applied, or empty when it may.
     *
     * @param enrolled the key enrolled for the event's host at this point of the log
     */
    Optional<String> refusal(Received received, Supplier<Optional<PublicSigningKey>> enrolled) {
        EventHeader header = received.event().header();
        String what = received.event().payload().getClass().getSimpleName() + " record of host '"
                + header.hostId() + "'";
        if (received.event().payload() instanceof VhbaCommand) {
            return Optional.of("the " + what + " belongs on the commands topic, not the events topic");
        }
        if (isRequest(received.event().payload())) {
            if (adminKey.isEmpty()) {
                return Optional.empty();
            }
            return commandKey.map(command -> received.signer().filter(command::equals).isPresent() ? Optional.<String>empty()
                    : Optional.of("the " + what + " is " + signedBy(received) + ", not by the API's command key ("
                            + command.fingerprint() + ")"))
                    .orElseGet(() -> Optional.of("the " + what + " is refused: this replica was given no command key"
                            + " (--command-key) to check it against"));
        }
        if (isAdministrative(received.event().payload())) {
            return adminKey.flatMap(admin -> received.signer().filter(admin::equals).isPresent() ? Optional.empty()
                    : Optional.of("the " + what + " is " + signedBy(received) + ", not by the administrators' key ("
                            + admin.fingerprint() + ")"));
        }
        if (adminKey.isPresent()) {
            Optional<PublicSigningKey> key = enrolled.get();
            if (key.isEmpty()) {
                return Optional.of("host '" + header.hostId() + "' has no enrolled key: the " + what + " is refused"
                        + " (enrol the host's key with nodedex host enroll)");
            }
            if (!received.signer().equals(key)) {
                return Optional.of("the " + what + " is " + signedBy(received) + ", not by the host's enrolled key ("
                        + key.get().fingerprint() + ")");
            }
        }
        return received.loggedAt().flatMap(loggedAt -> aheadOf(loggedAt, header, what));
    }

    private Optional<String> aheadOf(Instant loggedAt, EventHeader header, String what) {
        if (header.incarnation() - loggedAt.toEpochMilli() <= maxClockSkew.toMillis()) {
            return Optional.empty();
        }
        return Optional.of("the " + what + " has incarnation " + header.incarnation() + " ("
                + Instant.ofEpochMilli(header.incarnation()) + "), more than " + maxClockSkew
                + " after the broker logged it (" + loggedAt + "): the agent's clock is ahead; fix it and restart"
                + " the agent");
    }

    private static String signedBy(Received received) {
        return received.signer().map(key -> "signed by " + key.fingerprint()).orElse("not signed");
    }
}
