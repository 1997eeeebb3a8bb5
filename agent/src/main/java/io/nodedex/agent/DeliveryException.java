package io.nodedex.agent;

/** An {@link EventSink} could not deliver an event. */
final class DeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    public DeliveryException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /**
     * Whether sending the same event again may succeed: the destination is unreachable or
     * overloaded for now, as opposed to rejecting this event for good.
     */
    public boolean retriable() {
        return retriable;
    }
}
