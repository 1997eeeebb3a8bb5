package io.nodedex.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import kafka.server.KafkaConfig;

/**
 * The configuration of a single-node KRaft server acting as both broker and controller, with
 * one data directory and plaintext listeners on one host.
 *
 * @param host             the address both listeners bind to and advertise
 * @param brokerPort       the port of the client listener
 * @param controllerPort   the port of the controller (KRaft quorum) listener
 * @param dataDirectory    holds the metadata log and every topic partition
 * @param autoCreateTopics whether the broker creates a topic when a client first names it
 */
record BrokerSettings(
        String host, int brokerPort, int controllerPort, Path dataDirectory,
        boolean autoCreateTopics) {

    /** The only node of the cluster; also its only controller voter. */
    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** How long startup may wait for the node to catch up with its own metadata log. */
    private static final long MAX_STARTUP_MILLIS = 60_000;
    /** The log cleaner's dedupe map; the default of 128 MiB per broker is for real fleets. */
    private static final long LOG_CLEANER_DEDUPE_BUFFER_BYTES = 2 * 1024 * 1024;

    String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    /** The server properties, by name; every name is one Kafka knows. */
    Map<String, String> properties() {
        Map<String, String> p = new TreeMap<>();
        // one process is the whole cluster: broker and sole controller voter
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        p.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", dataDirectory.toString());
        p.put("metadata.log.dir", dataDirectory.toString());

        // a single replica is all there is: internal topics must not ask for more
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");

        p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        // consumers in tests join a group and expect their partitions now, not in 3 s
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(LOG_CLEANER_DEDUPE_BUFFER_BYTES));
        // compacted topics (nodedex.events) are cleaned within a second of a segment closing, not 15 s
        p.put("log.cleaner.backoff.ms", "500");
        p.put("server.max.startup.time.ms", Long.toString(MAX_STARTUP_MILLIS));
        return p;
    }

    KafkaConfig kafkaConfig() {
        return new KafkaConfig(properties(), false);
    }
}
