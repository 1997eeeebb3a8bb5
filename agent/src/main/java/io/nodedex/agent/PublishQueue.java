package io.nodedex.agent;

import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the sources and the publisher thread: offers never block and fail
 * when it is full; the taker can be woken without an element (to close).
 *
 * <p>Thread-safe: many producers, one consumer.
 */
final class PublishQueue {

    /** One observation waiting for its sequence number. */
    record Entry(Source source, Payload payload, Instant observedAt) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean woken; // guarded by lock

    PublishQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends {@code entry} unless the queue is full; never blocks. */
    boolean offer(Entry entry) {
        lock.lock();
        try {
            if (entries.size() >= capacity) {
                return false;
            }
            entries.addLast(entry);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest entry, waiting until {@code deadlineNanos} (a {@link System#nanoTime()} value)
     * for one; empty at the deadline or after {@link #wake()}.
     */
    Optional<Entry> take(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty() && !woken) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(3600)));
            }
            woken = false;
            return Optional.ofNullable(entries.pollFirst());
        } finally {
            lock.unlock();
        }
    }

    /** Makes a waiting (or the next) {@link #take} return at once. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
