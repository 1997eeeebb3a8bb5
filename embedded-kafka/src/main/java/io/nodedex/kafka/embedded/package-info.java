/**
 * Real KRaft Kafka inside the JVM, for tests and {@code nodedex all-in-one} only; production
 * connects to a real cluster.
 *
 * <p>Public face, three types:
 * <ul>
 *   <li>{@link io.nodedex.kafka.embedded.EmbeddedKafkaBroker}: a single node, broker and controller
 *       (built with its {@code Builder}: data directory, broker port, topic auto-creation, security);</li>
 *   <li>{@link io.nodedex.kafka.embedded.EmbeddedKafkaCluster}: several such nodes, each with its own
 *       data directory and ports, for replication and broker loss: {@code start(3)},
 *       {@code stop(node...)}, {@code restart(node...)}, {@code leaderOf(topic, partition)},
 *       {@code bootstrapServers()};</li>
 *   <li>{@link io.nodedex.kafka.embedded.KafkaSecurity}: a SASL_SSL client listener for either,
 *       with TLS certificates made at start (BouncyCastle; PKCS12 stores) and SCRAM-SHA-512 users
 *       created when a data directory is formatted; {@code clientProperties(user, password)} on the
 *       broker or cluster says what a client sets.</li>
 * </ul>
 * Machinery, package-private: one node's settings ({@code BrokerSettings}) and its hold on its data
 * directory lock, pre-bound sockets and running server ({@code BrokerNode}, {@code KRaftNode}),
 * storage formatting, topic creation, the TLS files, the fault handlers that report instead of
 * halting the JVM. The module knows nothing of nodedex's own topics: callers create them through
 * the Kafka contract in {@code io.nodedex.event.kafka}.
 *
 * <p>Threading: every public method may be called from any thread; each broker or cluster
 * serializes its own methods, and the nodes run Kafka's own threads. See the two classes.
 */
package io.nodedex.kafka.embedded;
