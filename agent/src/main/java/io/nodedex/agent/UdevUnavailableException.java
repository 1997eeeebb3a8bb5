package io.nodedex.agent;

/** A udev monitor cannot be opened here; the message says why (no udev daemon, no libudev, ...). */
final class UdevUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UdevUnavailableException(String message) {
        super(message);
    }

    public UdevUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
