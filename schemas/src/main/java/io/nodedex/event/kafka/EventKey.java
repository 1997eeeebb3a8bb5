package io.nodedex.event.kafka;

import io.nodedex.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The key rule of the events topic: the record key of an event is its host id in UTF-8, so one
 * host's events stay in one partition, in order. Producers key records with {@link #of}; a
 * consumer refuses a record whose key is not its event's ({@link #mismatch}).
 *
 * <p>Stateless and thread-safe.
 */
public final class EventKey {

    private EventKey() {
    }

    /** The record key of {@code event}: the UTF-8 bytes of its host id. */
    public static byte[] of(Event event) {
        return event.header().hostId().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Why a record with this key must not carry {@code event}, or empty when the key is the
     * event's: e.g. {@code record key 'host-b' differs from the event's host id 'host-a'}, or
     * {@code record key none ...} for a record without a key.
     *
     * @param key the record's key, empty when the record has none
     */
    public static Optional<String> mismatch(Optional<byte[]> key, Event event) {
        Objects.requireNonNull(key, "key");
        if (key.isPresent() && Arrays.equals(key.get(), of(event))) {
            return Optional.empty();
        }
        String shown = key.map(bytes -> "'" + new String(bytes, StandardCharsets.UTF_8) + "'").orElse("none");
        return Optional.of("record key " + shown + " differs from the event's host id '"
                + event.header().hostId() + "'");
    }
}
