package io.nodedex.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's hold on its resources across starts and stops: its data directory (locked while the
 * node may run), its listening sockets (bound before its configuration is written, and bound again
 * on the same ports for a restart, since the other voters and the clients know them) and the
 * running server.
 *
 * <p>Life: {@link #bind} (lock, bind), then {@link #start} with settings naming the bound ports;
 * {@link #stop} releases everything; {@link #rebind} takes the same directory and ports again for
 * the next {@link #start}.
 *
 * <p>Threading: not thread-safe; the owning broker or cluster calls it under its own lock (nodes of a
 * cluster start concurrently, each its own {@code BrokerNode}).
 */
final class BrokerNode {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerNode.class);

    private final int nodeId;
    private final Path directory;
    private final String host;
    private final int brokerPort;
    private final int controllerPort;
    private final OptionalInt securedPort;
    private Optional<DataDirectoryLock> lock;
    private Optional<PreboundSockets> sockets;
    private Optional<KRaftNode> server = Optional.empty();

    private BrokerNode(int nodeId, Path directory, String host, DataDirectoryLock lock, PreboundSockets sockets,
                       int brokerPort, int controllerPort, OptionalInt securedPort) {
        this.nodeId = nodeId;
        this.directory = directory;
        this.host = host;
        this.lock = Optional.of(lock);
        this.sockets = Optional.of(sockets);
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.securedPort = securedPort;
    }

    /**
     * Locks {@code directory} (which must be empty or formatted) and binds the node's listeners;
     * a port of 0 takes a free one.
     *
     * @param secured whether to bind a SASL_SSL listener too (on a free port)
     * @throws IllegalArgumentException if the directory is neither empty nor formatted
     * @throws IllegalStateException    if the directory is in use or a requested port is taken
     */
    static BrokerNode bind(int nodeId, Path directory, String host, int brokerPort, boolean secured) {
        StorageFormat.requireUsable(directory); // before the lock file is added to it
        DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
        PreboundSockets sockets = new PreboundSockets(host);
        try {
            int broker = sockets.bind(BrokerSettings.BROKER_LISTENER, brokerPort);
            int controller = sockets.bind(BrokerSettings.CONTROLLER_LISTENER, 0);
            OptionalInt securedPort = secured ? OptionalInt.of(sockets.bind(SecuredListener.NAME, 0))
                    : OptionalInt.empty();
            return new BrokerNode(nodeId, directory, host, lock, sockets, broker, controller, securedPort);
        } catch (RuntimeException e) {
            sockets.close();
            lock.close();
            throw e;
        }
    }

    int nodeId() {
        return nodeId;
    }

    int controllerPort() {
        return controllerPort;
    }

    /** This node's settings in a cluster whose controllers are {@code voters}. */
    BrokerSettings settings(Map<Integer, Integer> voters, boolean autoCreateTopics,
                            Optional<SecuredListener> secured) {
        if (secured.isPresent() != securedPort.isPresent()) {
            throw new IllegalArgumentException("node " + nodeId + " was bound " + (securedPort.isPresent() ? "with"
                    : "without") + " a secured listener");
        }
        return new BrokerSettings(host, nodeId, brokerPort, controllerPort, voters, directory, autoCreateTopics,
                secured.map(listener -> new BrokerSettings.SecuredEndpoint(securedPort.getAsInt(), listener)));
    }

    boolean running() {
        return server.isPresent();
    }

    /**
     * Formats the directory if it is new, then starts the node and returns once its broker serves
     * clients.
     *
     * @throws IllegalStateException if the node is not bound, or fails to start (its ports and lock
     *                               are then released)
     */
    void start(BrokerSettings settings, String clusterId, Duration controlledShutdownTimeout) {
        if (sockets.isEmpty() || server.isPresent()) {
            throw new IllegalStateException("node " + nodeId + " is " + (server.isPresent() ? "running" : "stopped"));
        }
        try {
            StorageFormat.formatIfNeeded(directory, nodeId, clusterId,
                    settings.secured().map(s -> s.listener().scramArguments()).orElse(List.of()));
            server = Optional.of(KRaftNode.start(settings, sockets.get(), controlledShutdownTimeout));
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Shuts the node's broker down cleanly (the controlled shutdown waits at most {@code timeout}),
     * leaving its controller running; {@link #stop} stops the rest.
     */
    void stopBroker(Duration controlledShutdownTimeout) {
        server.ifPresent(running -> running.shutdownBroker(controlledShutdownTimeout));
    }

    /**
     * Shuts the node down cleanly (the controlled shutdown waits at most {@code timeout}), then
     * releases its ports and lock; a node that is not running only lets go of what it holds (after
     * {@link #bind} or {@link #rebind}).
     */
    void stop(Duration controlledShutdownTimeout) {
        long started = System.nanoTime();
        try {
            server.ifPresent(running -> running.shutdown(controlledShutdownTimeout));
        } finally {
            server = Optional.empty();
            release();
        }
        LOG.debug("node {} stopped in {} ms", nodeId, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Locks the directory and binds the same ports again, for a restart.
     *
     * @throws IllegalStateException if the node is not stopped, the directory is in use or a port
     *                               was taken meanwhile
     */
    void rebind() {
        if (sockets.isPresent()) {
            throw new IllegalStateException("node " + nodeId + " is bound already");
        }
        DataDirectoryLock relocked = DataDirectoryLock.acquire(directory);
        PreboundSockets rebound = new PreboundSockets(host);
        try {
            rebound.bind(BrokerSettings.BROKER_LISTENER, brokerPort);
            rebound.bind(BrokerSettings.CONTROLLER_LISTENER, controllerPort);
            securedPort.ifPresent(port -> rebound.bind(SecuredListener.NAME, port));
        } catch (RuntimeException e) {
            rebound.close();
            relocked.close();
            throw e;
        }
        lock = Optional.of(relocked);
        sockets = Optional.of(rebound);
    }

    private void release() {
        sockets.ifPresent(PreboundSockets::close);
        lock.ifPresent(DataDirectoryLock::close);
        sockets = Optional.empty();
        lock = Optional.empty();
    }
}
