package io.nodedex.agent;

/**
 * What the publisher has done so far.
 *
 * @param delivered events the sink accepted
 * @param dropped observations dropped because the queue was full
 * @param rejected events the sink rejected for good (logged as errors)
 * @param failedSends sends that failed and were retried
 * @param queued observations waiting now
 * @param resnapshots times the publisher asked every source for a fresh snapshot
 */
public record PublisherStats(long delivered, long dropped, long rejected, long failedSends, int queued,
        long resnapshots) {

    /** Nothing done yet: the start of a sum. */
    public static final PublisherStats NONE = new PublisherStats(0, 0, 0, 0, 0, 0);

    /** What this and {@code other} have done together (e.g. summed over a fleet of publishers). */
    public PublisherStats plus(PublisherStats other) {
        return new PublisherStats(delivered + other.delivered, dropped + other.dropped, rejected + other.rejected,
                failedSends + other.failedSends, queued + other.queued, resnapshots + other.resnapshots);
    }
}
