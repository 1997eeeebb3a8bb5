package io.nodedex.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;

/**
 * The configuration of one KRaft node acting as both broker and controller, in a cluster of one or
 * more such nodes on one host: a plaintext listener the brokers use among themselves (and clients
 * too, unless the node is secured), the controller listener, and optionally a SASL_SSL listener for
 * clients.
 *
 * @param host             the address every listener binds to and advertises
 * @param nodeId           this node's id, a key of {@code voters}
 * @param brokerPort       the port of the plaintext broker listener
 * @param controllerPort   the port of this node's controller (KRaft quorum) listener
 * @param voters           every node's controller port, by node id: the static quorum
 * @param dataDirectory    holds this node's metadata log and topic partitions
 * @param autoCreateTopics whether the broker creates a topic when a client first names it
 * @param secured          the SASL_SSL listener for clients, if any
 */
record BrokerSettings(
        String host, int nodeId, int brokerPort, int controllerPort, Map<Integer, Integer> voters,
        Path dataDirectory, boolean autoCreateTopics, Optional<SecuredEndpoint> secured) {

    /** The node id of a single-node cluster. */
    static final int SINGLE_NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** How many copies the broker keeps of its internal topics, at most. */
    private static final int INTERNAL_REPLICAS = 3;

    /** How long startup may wait for the node to catch up with its own metadata log. */
    private static final long MAX_STARTUP_MILLIS = 60_000;
    /** The log cleaner's dedupe map; the default of 128 MiB per broker is for real fleets. */
    private static final long LOG_CLEANER_DEDUPE_BUFFER_BYTES = 2 * 1024 * 1024;
    /**
     * How long the controller keeps a broker's registration alive without heartbeats. A broker
     * restarted after a crash (no clean-shutdown marker) cannot register again until its previous
     * registration expires, so this bounds its restart after kill -9 (Kafka's default: 9 s).
     */
    static final int BROKER_SESSION_TIMEOUT_MS = 2_000;
    /** How often the broker heartbeats, and retries a refused registration (Kafka's default: 2 s). */
    static final int BROKER_HEARTBEAT_INTERVAL_MS = 250;

    /**
     * The SASL_SSL listener of a secured node.
     *
     * @param port     its port
     * @param listener what it needs: key store, users
     */
    record SecuredEndpoint(int port, SecuredListener listener) {
    }

    BrokerSettings {
        Objects.requireNonNull(host, "host");
        voters = Map.copyOf(voters);
        if (!voters.containsKey(nodeId) || voters.get(nodeId) != controllerPort) {
            throw new IllegalArgumentException("node " + nodeId + " on controller port " + controllerPort
                    + " is not among the voters " + voters);
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(secured, "secured");
    }

    /** The one node of a single-node cluster, listening in plaintext only. */
    static BrokerSettings singleNode(String host, int brokerPort, int controllerPort, Path dataDirectory,
                                     boolean autoCreateTopics) {
        return new BrokerSettings(host, SINGLE_NODE_ID, brokerPort, controllerPort,
                Map.of(SINGLE_NODE_ID, controllerPort), dataDirectory, autoCreateTopics, Optional.empty());
    }

    /** Where clients reach this node: its secured listener if it has one, else its plaintext one. */
    String clientAddress() {
        return host + ":" + secured.map(SecuredEndpoint::port).orElse(brokerPort);
    }

    /** Where the plaintext broker listener is, for the brokers among themselves and topic creation. */
    String brokerAddress() {
        return host + ":" + brokerPort;
    }

    /** How many copies of an internal topic the cluster can keep. */
    int internalReplicas() {
        return Math.min(INTERNAL_REPLICAS, voters.size());
    }

    /** The server properties, by name; every name is one Kafka knows. */
    Map<String, String> properties() {
        Map<String, String> p = new TreeMap<>();
        // each node is broker and controller voter; the voters are the whole cluster
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", new TreeMap<>(voters).entrySet().stream()
                .map(voter -> voter.getKey() + "@" + host + ":" + voter.getValue())
                .collect(Collectors.joining(",")));
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        String broker = BROKER_LISTENER + "://" + host + ":" + brokerPort;
        String securedListener = secured.map(s -> "," + SecuredListener.NAME + "://" + host + ":" + s.port()).orElse("");
        p.put("listeners", broker + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort + securedListener);
        p.put("advertised.listeners", broker + securedListener);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"
                + secured.map(s -> "," + SecuredListener.NAME + ":SASL_SSL").orElse(""));
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        secured.ifPresent(s -> p.putAll(s.listener().serverProperties()));
        p.put("log.dirs", dataDirectory.toString());
        p.put("metadata.log.dir", dataDirectory.toString());

        // internal topics get as many copies as the cluster can keep; one partition each is plenty
        String replicas = Integer.toString(internalReplicas());
        String inSync = Integer.toString(internalReplicas() >= INTERNAL_REPLICAS ? 2 : 1);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("share.coordinator.state.topic.num.partitions", "1");

        p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        // consumers in tests join a group and expect their partitions now, not in 3 s
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(LOG_CLEANER_DEDUPE_BUFFER_BYTES));
        // compacted topics (nodedex.events) are cleaned within a second of a segment closing, not 15 s
        p.put("log.cleaner.backoff.ms", "500");
        p.put("server.max.startup.time.ms", Long.toString(MAX_STARTUP_MILLIS));
        // a restart after a crash waits for the old registration to expire: seconds, not Kafka's 9 + 2
        p.put("broker.session.timeout.ms", Integer.toString(BROKER_SESSION_TIMEOUT_MS));
        p.put("broker.heartbeat.interval.ms", Integer.toString(BROKER_HEARTBEAT_INTERVAL_MS));
        return p;
    }

    KafkaConfig kafkaConfig() {
        return new KafkaConfig(properties(), false);
    }
}
