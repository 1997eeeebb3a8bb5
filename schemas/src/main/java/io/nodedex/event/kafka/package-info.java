/**
 * The Kafka contract of the event log, in one place beside its wire format
 * ({@link io.nodedex.event.codec.EventCodec}): everything a producer or consumer of the log must
 * agree on besides the record value.
 *
 * <ul>
 *   <li>{@link io.nodedex.event.kafka.EventTopics}: the topic names, and how the topics are
 *       created (partitions, configs);</li>
 *   <li>{@link io.nodedex.event.kafka.EventKey}: the record key (the event's host id in UTF-8)
 *       and the check a consumer makes on it;</li>
 *   <li>{@link io.nodedex.event.kafka.DeadLetterHeaders}: the headers of a refused record.</li>
 * </ul>
 *
 * <p>This package names no Kafka client type, so the module needs no Kafka dependency: callers
 * pass the names, partition counts and configs to their own client or broker.
 */
package io.nodedex.event.kafka;
