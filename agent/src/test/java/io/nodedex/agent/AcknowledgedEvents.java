package io.nodedex.agent;

import io.nodedex.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the broker acknowledged to one publisher, in order: a view of its Kafka sink that records
 * each event once {@code send} returned, which is once every in-sync replica has it
 * ({@code acks=all}). A send that failed is not recorded; the publisher sends the same event again.
 *
 * <p>The publisher thread records; any thread may read {@link #events()}.
 */
final class AcknowledgedEvents {

    private final List<Event> events = new ArrayList<>();

    /** Wraps a publisher's sink so that it records here. */
    UnaryOperator<EventSink> view() {
        return sink -> new EventSink() {
            @Override
            public void prepare() {
                sink.prepare();
            }

            @Override
            public void send(Event event) throws InterruptedException {
                sink.send(event);
                synchronized (events) {
                    events.add(event);
                }
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    /** The acknowledged events so far, in send order. */
    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
