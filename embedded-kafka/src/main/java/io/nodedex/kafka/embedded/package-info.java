/**
 * A real single-node KRaft Kafka cluster inside the JVM, for tests and {@code nodedex all-in-one}
 * only; production connects to a real cluster.
 *
 * <p>Public face: {@link io.nodedex.kafka.embedded.EmbeddedKafkaBroker} alone (built with its
 * {@code Builder}). Pre-bound sockets, the data-directory lock, storage formatting, topic
 * creation and the fault handlers that report instead of halting the JVM are package-private.
 * The module knows nothing of nodedex's own topics: callers create them through the Kafka
 * contract in {@code io.nodedex.event.kafka}.
 *
 * <p>Threading: see {@link io.nodedex.kafka.embedded.EmbeddedKafkaBroker}; every method may be
 * called from any thread.
 */
package io.nodedex.kafka.embedded;
