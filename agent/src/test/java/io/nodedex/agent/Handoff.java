package io.nodedex.agent;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a libvirt callback should be: it only enqueues. Tests take values with a deadline (a
 * generous one: it bounds a failing test, a passing test never waits for it).
 */
public final class Handoff<T> implements Consumer<T> {

    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(T value) {
        queue.add(value);
    }

    /** The next value handed off, failing the test if none arrives before the deadline. */
    public T next() throws InterruptedException {
        T value = queue.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (value == null) {
            fail("Nothing was handed off within " + DEADLINE);
        }
        return value;
    }

    /** Values handed off so far and not taken yet. */
    public int pending() {
        return queue.size();
    }
}
