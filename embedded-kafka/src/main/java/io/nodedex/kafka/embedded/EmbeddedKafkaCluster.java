package io.nodedex.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes inside this JVM, for tests of replication and broker
 * loss: each node is broker and controller voter at once, with its own data directory and ports on
 * {@code 127.0.0.1}, as {@link EmbeddedKafkaBroker} is for one node.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(3)) {
 *     kafka.createTopic("events", 3, Map.of("min.insync.replicas", "2"));  // 3 copies of each partition
 *     int leader = kafka.leaderOf("events", 0).orElseThrow();
 *     kafka.stop(leader);      // the others take over; clients use kafka.bootstrapServers()
 *     kafka.restart(leader);   // back on the same directory and ports, catching up as a follower
 * }
 * }</pre>
 *
 * <h2>Nodes</h2>
 * Nodes are numbered 1 to n; the controller quorum is all of them (static voters), so it needs a
 * majority running. {@link #stop} shuts nodes down cleanly (each broker's controlled shutdown moves
 * its leadership away first); {@link #restart} starts stopped nodes again on the same data
 * directories and ports, several at once where a majority must come back together (a whole-cluster
 * restart). Internal topics and {@link #createTopic} keep {@code min(3, n)} copies.
 *
 * <h2>Storage and security</h2>
 * Data lives in {@link Builder#dataDirectory(Path)}{@code /node-N}, or in a temporary directory that
 * {@link #close()} deletes. {@link Builder#security(KafkaSecurity)} adds a SASL_SSL listener to every
 * node, as {@link EmbeddedKafkaBroker} describes; the brokers replicate over their plaintext
 * listeners on {@code 127.0.0.1}.
 *
 * <h2>Threading</h2>
 * Every method may be called from any thread; they are serialized on this object, so a
 * {@link #stop} or {@link #restart} in progress holds the others back until it returns. The nodes
 * run Kafka's own threads. After {@link #close()}, every method but {@code close()} throws
 * {@link IllegalStateException}.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Integer, BrokerNode> nodes;
    private final Map<Integer, BrokerSettings> settings;
    /** The id new data directories are formatted with; formatted ones keep theirs. */
    private final String clusterId;
    private final Optional<SecuredListener> secured;
    private final Optional<Path> temporaryRoot;
    private final TopicCreator topics;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafkaCluster(Map<Integer, BrokerNode> nodes, Map<Integer, BrokerSettings> settings,
                                 String clusterId, Optional<SecuredListener> secured, Optional<Path> temporaryRoot) {
        this.nodes = nodes;
        this.settings = settings;
        this.clusterId = clusterId;
        this.secured = secured;
        this.temporaryRoot = temporaryRoot;
        String brokers = settings.values().stream().map(BrokerSettings::brokerAddress).collect(Collectors.joining(","));
        this.topics = new TopicCreator(brokers, settings.values().iterator().next().internalReplicas());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.CLIENT_ID_CONFIG, "nodedex-embedded-cluster-admin"));
    }

    /**
     * Starts {@code nodes} nodes on free ports with temporary data directories deleted on {@link #close()}.
     *
     * @param nodes how many, 1 to 9
     * @return the running cluster, every node serving clients
     * @throws IllegalStateException if a node fails to start
     */
    public static EmbeddedKafkaCluster start(int nodes) {
        return builder(nodes).start();
    }

    /**
     * Starts configuring a cluster of {@code nodes} nodes.
     *
     * @param nodes how many, 1 to 9
     * @throws IllegalArgumentException if {@code nodes} is outside 1 to 9
     */
    public static Builder builder(int nodes) {
        return new Builder(nodes);
    }

    /**
     * Where clients find the cluster: every node's client listener (SASL_SSL if secured), stopped
     * nodes included, so the value stays the same across stops and restarts.
     *
     * @return the {@code bootstrap.servers} value, {@code 127.0.0.1:port,...} in node order
     */
    public String bootstrapServers() {
        return settings.values().stream().map(BrokerSettings::clientAddress).collect(Collectors.joining(","));
    }

    /**
     * What a client sets, besides {@link #bootstrapServers()}, to log in to this secured cluster as
     * {@code user} with {@code password}, as {@link EmbeddedKafkaBroker#clientProperties} says.
     *
     * @throws IllegalStateException if the cluster is not secured
     */
    public Map<String, String> clientProperties(String user, String password) {
        return secured.map(listener -> listener.clientProperties(user, password))
                .orElseThrow(() -> new IllegalStateException("the cluster listens in plaintext: its clients need no"
                        + " properties"));
    }

    /**
     * Creates a topic with {@code min(3, nodes)} copies of each partition, as
     * {@link EmbeddedKafkaBroker#createTopic(String, int, Map)} does on one broker.
     *
     * @throws IllegalArgumentException if {@code partitions} is below 1
     * @throws IllegalStateException    if the topic exists with another partition count, the name is
     *                                  invalid, the cluster is closed, or the topic is not ready within 30 s
     */
    public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
        requireOpen();
        topics.create(Objects.requireNonNull(name, "name"), partitions, Objects.requireNonNull(configs, "configs"));
    }

    /**
     * The node that leads {@code partition} of {@code topic} now, as the cluster's metadata says.
     *
     * @return the leader's node id; empty while the partition has none (an election in progress,
     *     or every replica stopped)
     * @throws IllegalStateException if the topic cannot be described within 30 s
     */
    public synchronized OptionalInt leaderOf(String topic, int partition) {
        requireOpen();
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic '" + topic + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic '" + topic + "'", e);
        }
        return description.partitions().stream().filter(info -> info.partition() == partition).findFirst()
                .map(TopicPartitionInfo::leader).filter(leader -> leader != null && !leader.isEmpty())
                .map(Node::id).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * Stops the given nodes cleanly: first their brokers, each after its controlled shutdown (all of
     * them at once, while the quorum still answers), then their controllers. Their ports and data
     * directories stay reserved for {@link #restart}. Stopping a stopped node does nothing.
     *
     * @param nodeIds the nodes, each 1 to n
     * @throws IllegalArgumentException if a node id is not one of this cluster's
     */
    public synchronized void stop(int... nodeIds) {
        requireOpen();
        List<BrokerNode> stopping = select(nodeIds).stream().filter(BrokerNode::running).toList();
        long started = System.nanoTime();
        Concurrently.run("stopping brokers", stopping, node -> node.stopBroker(CONTROLLED_SHUTDOWN_TIMEOUT));
        Concurrently.run("stopping nodes", stopping, node -> node.stop(CONTROLLED_SHUTDOWN_TIMEOUT));
        LOG.debug("nodes {} stopped in {} ms", Arrays.toString(nodeIds),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Starts the given stopped nodes again, all at once, on their data directories and ports, and
     * returns once each one's broker serves clients (which needs a majority of the controllers
     * running). Restarting a running node does nothing.
     *
     * @param nodeIds the nodes, each 1 to n
     * @throws IllegalArgumentException if a node id is not one of this cluster's
     * @throws IllegalStateException    if a port was taken meanwhile or a node fails to start
     */
    public synchronized void restart(int... nodeIds) {
        requireOpen();
        List<BrokerNode> starting = select(nodeIds).stream().filter(node -> !node.running()).toList();
        try {
            starting.forEach(BrokerNode::rebind);
        } catch (RuntimeException e) {
            starting.forEach(node -> node.stop(CONTROLLED_SHUTDOWN_TIMEOUT)); // releases what was bound again
            throw e;
        }
        startAll(starting);
    }

    /**
     * Stops every running node (as {@link #stop}), closes the cluster's own clients, deletes the TLS
     * files and, if the data directories were temporary, the data. Does nothing if already closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            topics.close();
            admin.close(Duration.ofSeconds(5));
            List<BrokerNode> running = nodes.values().stream().filter(BrokerNode::running).toList();
            Concurrently.run("stopping brokers", running, node -> node.stopBroker(CONTROLLED_SHUTDOWN_TIMEOUT));
            Concurrently.run("stopping nodes", running, node -> node.stop(CONTROLLED_SHUTDOWN_TIMEOUT));
        } finally {
            secured.ifPresent(listener -> listener.tls().delete());
            temporaryRoot.ifPresent(EmbeddedKafkaCluster::deleteDirectory);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[" + bootstrapServers() + "]";
    }

    private void startAll(List<BrokerNode> starting) {
        Concurrently.run("starting nodes", starting,
                node -> node.start(settings.get(node.nodeId()), clusterId, CONTROLLED_SHUTDOWN_TIMEOUT));
    }

    private List<BrokerNode> select(int... nodeIds) {
        List<BrokerNode> selected = new ArrayList<>();
        for (int id : nodeIds) {
            BrokerNode node = nodes.get(id);
            if (node == null) {
                throw new IllegalArgumentException("no node " + id + ": the nodes are " + nodes.keySet());
            }
            selected.add(node);
        }
        return selected;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster at " + bootstrapServers() + " is closed");
        }
    }

    private static void deleteDirectory(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the cluster's data directory " + directory, e);
        }
    }

    /**
     * Chooses the size, data directory and security of an {@link EmbeddedKafkaCluster}. Not
     * thread-safe; each call to {@link #start()} starts a new cluster.
     */
    public static final class Builder {

        private static final int MAX_NODES = 9;

        private final int size;
        private Optional<Path> dataDirectory = Optional.empty();
        private Optional<KafkaSecurity> security = Optional.empty();

        private Builder(int size) {
            if (size < 1 || size > MAX_NODES) {
                throw new IllegalArgumentException("a cluster has 1 to " + MAX_NODES + " nodes, not " + size);
            }
            this.size = size;
        }

        /**
         * Keeps node N's data in {@code directory/node-N} and leaves it there on close.
         *
         * @param directory the root of the nodes' data directories
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Secures every node's client listener: SASL_SSL with {@code security}'s SCRAM users.
         *
         * @param security the users
         * @return this builder
         */
        public Builder security(KafkaSecurity security) {
            this.security = Optional.of(Objects.requireNonNull(security, "security"));
            return this;
        }

        /**
         * Formats the data directories where needed, starts every node at once and returns once
         * each serves clients.
         *
         * @return the running cluster
         * @throws IllegalArgumentException if a data directory is neither empty nor formatted
         * @throws IllegalStateException    if a node fails to start (the others are stopped)
         */
        public EmbeddedKafkaCluster start() {
            long started = System.nanoTime();
            Path root = dataDirectory.map(Builder::createDirectories).orElseGet(Builder::createTemporaryDirectory);
            Optional<Path> temporary = dataDirectory.isEmpty() ? Optional.of(root) : Optional.empty();
            SortedMap<Integer, BrokerNode> nodes = new TreeMap<>();
            Optional<SecuredListener> secured = Optional.empty();
            try {
                for (int id = 1; id <= size; id++) {
                    nodes.put(id, BrokerNode.bind(id, createDirectories(root.resolve("node-" + id)), HOST, 0,
                            security.isPresent()));
                }
                secured = security.map(users -> new SecuredListener(users, TlsFiles.create(HOST)));
                Map<Integer, Integer> voters = new TreeMap<>();
                nodes.forEach((id, node) -> voters.put(id, node.controllerPort()));
                SortedMap<Integer, BrokerSettings> settings = new TreeMap<>();
                for (BrokerNode node : nodes.values()) {
                    settings.put(node.nodeId(), node.settings(voters, false, secured));
                }
                EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(Collections.unmodifiableSortedMap(nodes),
                        Collections.unmodifiableSortedMap(settings), StorageFormat.newClusterId(), secured, temporary);
                try {
                    cluster.startAll(List.copyOf(nodes.values()));
                } catch (RuntimeException e) {
                    cluster.close();
                    throw e;
                }
                LOG.debug("{} started in {} ms", cluster, Duration.ofNanos(System.nanoTime() - started).toMillis());
                return cluster;
            } catch (RuntimeException e) {
                nodes.values().forEach(node -> node.stop(CONTROLLED_SHUTDOWN_TIMEOUT));
                secured.ifPresent(listener -> listener.tls().delete());
                temporary.ifPresent(directory -> {
                    try {
                        deleteDirectory(directory);
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                });
                throw e;
            }
        }

        private static Path createDirectories(Path directory) {
            try {
                return Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Kafka data directory " + directory, e);
            }
        }

        private static Path createTemporaryDirectory() {
            try {
                return Files.createTempDirectory("nodedex-kafka-cluster-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary Kafka data directory", e);
            }
        }
    }
}
