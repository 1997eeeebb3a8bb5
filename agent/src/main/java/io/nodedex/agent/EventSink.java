package io.nodedex.agent;

import io.nodedex.event.Event;

/**
 * Where the publisher sends events: Kafka ({@link KafkaEventSink}), standard output
 * ({@link JsonLinesEventSink}, for {@code --dry-run}), or a test's recorder.
 *
 * <p>Only the publisher thread calls {@link #send}; {@link #close()} may come from another thread
 * and makes a blocked {@code send} return (with a {@link DeliveryException}) soon.
 */
interface EventSink extends AutoCloseable {

    /**
     * Gets ready for the first {@link #send} (connects, fetches metadata) where that helps; called
     * once by the publisher thread before it sends anything. Never fails: a sink that cannot get
     * ready now fails its sends instead. Does nothing by default.
     */
    default void prepare() {
    }

    /**
     * Sends one event and returns once the destination has durably accepted it.
     *
     * @throws DeliveryException when it was not accepted; {@link DeliveryException#retriable()}
     *     says whether sending the same event again may succeed (the destination is unreachable)
     *     or never will (e.g. the record is too large)
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    void send(Event event) throws InterruptedException;

    /** Flushes what was sent and releases the destination; idempotent. */
    @Override
    void close();
}
