package io.nodedex.indexer;

/**
 * Monotonic counters of one indexer since it started, for metrics.
 *
 * @param eventsApplied events that changed the state (heartbeats included)
 * @param duplicatesSkipped events at or below the watermark of their host and source: no-ops
 * @param deadLetters records sent to the dead-letter topic (undecodable, invalid, key mismatch,
 *     host-key collision)
 * @param sequenceGaps events applied after a gap in their source's sequence
 * @param hostKeyCollisions records refused because another host id has the same host key
 */
public record IndexerCounters(long eventsApplied, long duplicatesSkipped, long deadLetters,
        long sequenceGaps, long hostKeyCollisions) {
}
