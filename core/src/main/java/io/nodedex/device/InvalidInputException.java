package io.nodedex.device;

/**
 * Input that cannot be accepted: a malformed WWN, unreadable XML, an incomplete sysfs entry, an
 * inconsistent request. The message always names the offending value and, where there is one,
 * the file it came from.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
