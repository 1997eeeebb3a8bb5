package io.nodedex.agent;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (bounding a failing test; a passing one never waits for it). */
public final class Poll {

    private Poll() {
    }

    /** Returns once {@code condition} holds; fails the test naming {@code what} at the deadline. */
    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Handoff.DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out after " + Handoff.DEADLINE + " waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
