package io.nodedex.event.codec;

import io.nodedex.device.InvalidInputException;

/**
 * Bytes that are not a valid nodedex event. {@link EventCodec#decode(byte[])} throws only this,
 * whatever went wrong, so a consumer needs one {@code catch} to dead-letter a record
 * (docs/design.md, "Bad input never stops the line"). The message says what was wrong:
 *
 * <ul>
 *   <li>{@code not a nodedex event: ...} the single-object header is short or has a wrong marker;
 *   <li>{@code unknown schema fingerprint <16 hex digits> ...} written with a schema this build
 *       does not know (a newer writer, or another producer);
 *   <li>{@code corrupt body (schema vN): ...} the Avro body is truncated, malformed, or followed by
 *       unread bytes;
 *   <li>{@code invalid event (schema vN): ...} well-formed Avro whose values the event model
 *       rejects (a negative count, a blank host id, a device listed twice); the model's
 *       {@link InvalidInputException} is the cause.
 * </ul>
 */
public final class EventDecodingException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    EventDecodingException(String message) {
        super(message);
    }

    EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
