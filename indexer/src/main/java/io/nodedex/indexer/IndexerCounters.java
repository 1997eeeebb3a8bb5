package io.nodedex.indexer;

/**
 * Monotonic counters of one indexer since it started, for metrics.
 *
 * @param eventsApplied events that changed the state (heartbeats included)
 * @param duplicatesSkipped events at or below the watermark of their host and source: no-ops
 * @param deadLetters records sent to the dead-letter topic (undecodable, invalid, key mismatch,
 *     host-key collision)
 * @param sequenceGaps events applied after a gap in their source's sequence: expected while
 *     reading a compacted log (compaction drops superseded records), otherwise a sign of loss,
 *     healed by the source's next snapshot
 * @param hostKeyCollisions records refused because another host id has the same host key
 * @param rebootstraps times the replica dropped its state and started over from the beginning of
 *     the log, because its positions no longer lay inside it
 */
public record IndexerCounters(long eventsApplied, long duplicatesSkipped, long deadLetters,
        long sequenceGaps, long hostKeyCollisions, long rebootstraps) {
}
