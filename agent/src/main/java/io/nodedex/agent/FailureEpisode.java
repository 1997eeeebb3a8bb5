package io.nodedex.agent;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a recurring failure once per episode: a WARN when it starts, DEBUG for every repeat, and
 * one INFO when it ends, saying how often it failed and for how long. An agent retrying a dead
 * server every few seconds for an hour thus writes two lines, not a thousand.
 *
 * <p>Thread-safe.
 */
final class FailureEpisode {

    private final Logger log;
    private final String what;
    private int failures; // guarded by this; 0 outside an episode
    private long startedNanos; // guarded by this

    /**
     * @param log the logger of the class that owns the episode
     * @param what what keeps failing, completing "... failed", e.g. {@code "Connecting to qemu:///system"}
     */
    public FailureEpisode(Logger log, String what) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
    }

    /**
     * Records one failure; logs it at WARN if it starts an episode, else at DEBUG.
     *
     * @param consequence what happens next, e.g. {@code "retrying with backoff"}
     * @return whether this failure started a new episode
     */
    public boolean failed(Throwable cause, String consequence) {
        return failed(String.valueOf(cause.getMessage()), consequence);
    }

    /** As {@link #failed(Throwable, String)}, with the problem in words. */
    public synchronized boolean failed(String problem, String consequence) {
        failures++;
        if (failures == 1) {
            startedNanos = System.nanoTime();
            log.warn("{} failed: {}; {} (repeats are logged at DEBUG until it works again)",
                    what, problem, consequence);
            return true;
        }
        log.debug("{} failed again ({} times): {}", what, failures, problem);
        return false;
    }

    /** Ends the episode, if one is running, with an INFO line. */
    public synchronized void recovered() {
        if (failures == 0) {
            return;
        }
        Duration lasted = Duration.ofNanos(System.nanoTime() - startedNanos);
        log.info("{} works again after {} failure(s) over {} s", what, failures, lasted.toSeconds());
        failures = 0;
    }

    /** Whether an episode is running. */
    public synchronized boolean ongoing() {
        return failures > 0;
    }
}
