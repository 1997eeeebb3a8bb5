package io.nodedex.kafka.embedded;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One running KRaft node in combined mode: a controller and a broker sharing one Raft client
 * and one metadata log, composed as Kafka's {@code KafkaRaftServer} composes them, but with
 * sockets bound in advance ({@link PreboundSockets}) and fatal faults reported instead of
 * halting the JVM ({@link ReportingFaultHandlers}).
 *
 * <p>Threading: {@link #start} and {@link #shutdown} block the caller; the owner calls them
 * from one thread at a time. Nodes of one cluster start concurrently, each on its own thread: a
 * broker is unfenced only once a majority of the controllers runs.
 */
final class KRaftNode {

    private static final Logger LOG = LoggerFactory.getLogger(KRaftNode.class);

    private final ControllerServer controller;
    private final BrokerServer broker;
    private boolean brokerStopped;

    private KRaftNode(ControllerServer controller, BrokerServer broker) {
        this.controller = controller;
        this.broker = broker;
    }

    /**
     * Starts the node on a formatted data directory and returns once the broker is unfenced
     * and serves clients.
     *
     * @throws IllegalStateException if Kafka reported a fatal fault while starting
     */
    static KRaftNode start(BrokerSettings settings, PreboundSockets sockets,
                           Duration controlledShutdownTimeout) {
        KafkaConfig config = settings.kafkaConfig();
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
                KafkaRaftServer.initializeLogDirs(config, LOG, "[embedded-kafka] ");
        ReportingFaultHandlers faults = new ReportingFaultHandlers();
        SharedServer shared = new SharedServer(
                config,
                storage._1(),
                Time.SYSTEM,
                new Metrics(),
                CompletableFuture.completedFuture(voters(settings)),
                List.of(),
                faults,
                sockets);
        KRaftNode node = new KRaftNode(
                new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2()),
                new BrokerServer(shared));
        try {
            node.controller.startup();
            node.broker.startup();
        } catch (Exception e) { // Scala code may throw checked exceptions undeclared
            node.shutdown(controlledShutdownTimeout);
            throw new IllegalStateException("Kafka node " + settings.nodeId() + " in " + settings.dataDirectory()
                    + " failed to start: " + e.getMessage(), e);
        }
        faults.firstFatalFault().ifPresent(fault -> {
            node.shutdown(controlledShutdownTimeout);
            throw new IllegalStateException("Kafka node " + settings.nodeId() + " in " + settings.dataDirectory()
                    + " failed to start: " + fault.getMessage(), fault);
        });
        return node;
    }

    private static Map<Integer, InetSocketAddress> voters(BrokerSettings settings) {
        Map<Integer, InetSocketAddress> voters = new HashMap<>();
        settings.voters().forEach((id, port) -> voters.put(id, new InetSocketAddress(settings.host(), port)));
        return voters;
    }

    /**
     * Shuts the broker part down, waiting at most {@code controlledShutdownTimeout} for the active
     * controller to move its partitions' leadership away; the controller part keeps running. When a
     * whole cluster stops, every broker goes first, while the quorum can still answer them.
     */
    void shutdownBroker(Duration controlledShutdownTimeout) {
        if (!brokerStopped) {
            broker.shutdown(controlledShutdownTimeout);
            broker.awaitShutdown();
            brokerStopped = true;
        }
    }

    /**
     * Shuts the broker down (see {@link #shutdownBroker}) unless it is already, then the
     * controller, and waits until both have stopped.
     */
    void shutdown(Duration controlledShutdownTimeout) {
        shutdownBroker(controlledShutdownTimeout);
        controller.shutdown();
        controller.awaitShutdown();
    }
}
