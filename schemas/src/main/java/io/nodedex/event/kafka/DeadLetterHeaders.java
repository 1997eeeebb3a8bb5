package io.nodedex.event.kafka;

/**
 * The headers of every record on the dead-letter topic (docs/design.md, "Bad input never stops
 * the line" and "The Kafka contract"): the indexer adds them, in this order, to each record it
 * refuses. Values are UTF-8 text. The dead letter carries the original record's key, value and
 * headers unchanged, after these.
 */
public final class DeadLetterHeaders {

    /** Why the record was refused, e.g. {@code unknown schema fingerprint ...}. */
    public static final String REASON = "nodedex.dlq.reason";
    /** The topic the record was read from. */
    public static final String TOPIC = "nodedex.dlq.topic";
    /** Its partition, in decimal. */
    public static final String PARTITION = "nodedex.dlq.partition";
    /** Its offset, in decimal. */
    public static final String OFFSET = "nodedex.dlq.offset";

    private DeadLetterHeaders() {
    }
}
