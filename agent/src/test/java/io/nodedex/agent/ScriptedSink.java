package io.nodedex.agent;

import io.nodedex.event.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link EventSink} whose behaviour a test scripts: it delivers (records) events, or fails
 * every send while it is {@link #down()}, or rejects the next send for good.
 */
final class ScriptedSink implements EventSink {

    private final Handoff<Event> delivered = new Handoff<>();
    private final List<Event> attempts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean down;
    private volatile boolean rejectNext;
    private volatile boolean crashNext;

    @Override
    public void send(Event event) {
        attempts.add(event);
        if (down) {
            throw new DeliveryException("scripted outage", true, null);
        }
        if (rejectNext) {
            rejectNext = false;
            throw new DeliveryException("scripted rejection", false, null);
        }
        if (crashNext) {
            crashNext = false;
            throw new IllegalStateException("scripted bug");
        }
        delivered.accept(event);
    }

    ScriptedSink down() {
        down = true;
        return this;
    }

    ScriptedSink up() {
        down = false;
        return this;
    }

    ScriptedSink rejectNext() {
        rejectNext = true;
        return this;
    }

    ScriptedSink crashNext() {
        crashNext = true;
        return this;
    }

    /** The next delivered event; fails the test if none comes in time. */
    Event next() throws InterruptedException {
        return delivered.next();
    }

    int undelivered() {
        return delivered.pending();
    }

    List<Event> attempts() {
        return attempts;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
