package io.nodedex.event;

import io.nodedex.device.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rule for the request ids that name vHBA requests ({@link VhbaRequested},
 * {@link VhbaDeleteRequested}): chosen by the client, 1 to 128 characters of letters, digits and
 * {@code . _ : -}, so an id is safe in a URL path and in a record key. Stateless.
 */
public final class VhbaRequestId {

    /** The longest id. */
    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private VhbaRequestId() {
    }

    /**
     * Returns {@code requestId} when it follows the rule.
     *
     * @throws InvalidInputException naming the value and the rule
     */
    public static String check(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        if (!VALID.matcher(requestId).matches()) {
            String shown = requestId.length() > MAX_LENGTH ? requestId.substring(0, MAX_LENGTH) + "..." : requestId;
            throw new InvalidInputException("request id '" + shown.replace('\0', '?') + "' is not 1 to " + MAX_LENGTH
                    + " characters of letters, digits and . _ : -");
        }
        return requestId;
    }
}
