package io.nodedex.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster inside this JVM: one KRaft node that is both broker and
 * controller, listening on {@code 127.0.0.1}, for tests and the {@code nodedex all-in-one} mode
 * only. Production code connects to a real cluster through its bootstrap servers.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     kafka.createTopic("events", 3);
 *     // clients use kafka.bootstrapServers()
 * }
 * }</pre>
 *
 * <p>The broker knows nothing of nodedex: whoever creates nodedex's topics on it passes their
 * names, partitions and configs, e.g. {@code EventTopics.DEFAULT.createWith(kafka::createTopic)}
 * with the event log's contract from the schemas module.
 *
 * <h2>Ports and storage</h2>
 * The plaintext broker listener, the controller listener and, on a secured broker, the SASL_SSL
 * listener bind free ephemeral ports unless {@link Builder#brokerPort(int)} asks for a broker
 * port; the sockets are bound before the broker starts, so no other process can take them in
 * between. Data lives in
 * {@link Builder#dataDirectory(Path)}, or in a fresh temporary directory that {@link #close()}
 * deletes. A data directory is formatted (as {@code kafka-storage format} does) only when it holds
 * no {@code meta.properties} yet, so a broker restarted on the same directory keeps its topics
 * and records; it gets new ephemeral ports unless a broker port is requested.
 *
 * <h2>Security</h2>
 * By default the broker listens in plaintext. {@link Builder#security(KafkaSecurity)} adds a
 * SASL_SSL listener, and {@link #bootstrapServers()} names it: TLS with a certificate authority
 * and server certificate made at start (PKCS12 stores in a temporary directory deleted on
 * {@link #close()}), SCRAM-SHA-512 with the given users. {@link #clientProperties(String, String)}
 * gives what a client sets to reach it. The brokers' own plaintext listener stays open on
 * {@code 127.0.0.1}, for the broker itself and {@link #createTopic}.
 *
 * <h2>Settings</h2>
 * Every internal topic (consumer offsets, transaction state, share-group state) has replication
 * factor 1, min ISR 1 and one partition; topics are only created on request
 * ({@link #createTopic}) unless {@link Builder#autoCreateTopics(boolean)} is set; consumer groups
 * rebalance without the initial 3 s delay. A broker restarted on its data directory after a crash
 * (kill -9) serves about 2 s later than after a clean stop, not 10 s: the restarted controller lets
 * go of the crashed broker's registration after a session of 2 s (heartbeats every 250 ms) instead
 * of Kafka's 9 s.
 *
 * <h2>Faults</h2>
 * A fault that Kafka's fault handlers treat as fatal (Raft client, controller, metadata loading),
 * which would halt a stand-alone broker's JVM, is logged at ERROR instead; during startup it
 * makes {@link Builder#start()} fail. Kafka still halts the JVM by itself when its data directory
 * fails (an I/O error, or the directory deleted under a running broker), so delete a data
 * directory only after {@link #close()}. A data directory is locked while a broker uses it: a
 * second broker on it, in this JVM or another process, fails to start before touching it.
 *
 * <h2>Threading</h2>
 * Every method may be called from any thread; {@link #createTopic} and {@link #close()} are
 * serialized on this object, so a {@code close()} waits for a {@code createTopic} in progress.
 * After {@code close()}, {@code createTopic} throws {@link IllegalStateException}; {@code close()}
 * itself may be called again and does nothing.
 *
 * <h2>Logging</h2>
 * The broker logs through SLF4J (its own classes under {@code kafka} and
 * {@code org.apache.kafka}) and is noisy at INFO. This module ships no logging configuration in
 * its main resources, so it never overrides the one of the process using it. Each module whose
 * tests start a broker adds {@code log4j-slf4j2-impl} and {@code log4j-core} as test
 * dependencies and its own {@code src/test/resources/log4j2-test.properties} with the root
 * logger at WARN, e.g.
 * <pre>
 * appender.console.type = Console
 * appender.console.name = console
 * appender.console.layout.type = PatternLayout
 * appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %m%n
 * rootLogger.level = WARN
 * rootLogger.appenderRef.console.ref = console
 * </pre>
 * Do not depend on Kafka's test jars: some ship their own {@code log4j2.yaml}, which can take
 * over from the module's configuration.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    /** How long the broker waits for the controller to approve its controlled shutdown. */
    private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerSettings settings;
    private final BrokerNode node;
    private final TopicCreator topics;
    private final boolean deleteDataDirectoryOnClose;
    private boolean closed;

    private EmbeddedKafkaBroker(BrokerSettings settings, BrokerNode node, boolean deleteDataDirectoryOnClose) {
        this.settings = settings;
        this.node = node;
        this.deleteDataDirectoryOnClose = deleteDataDirectoryOnClose;
        this.topics = new TopicCreator(settings.brokerAddress(), settings.internalReplicas());
    }

    /**
     * Starts a broker on free ports with a temporary data directory deleted on {@link #close()}.
     *
     * @return the running broker, serving clients
     * @throws IllegalStateException if the broker fails to start
     */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /**
     * Starts configuring a broker with a chosen data directory, broker port or topic auto-creation.
     *
     * @return a new builder with the defaults of {@link #start()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where clients find this broker: its SASL_SSL listener if it is secured, else its plaintext one.
     *
     * @return the {@code bootstrap.servers} value, {@code 127.0.0.1:port}
     */
    public String bootstrapServers() {
        return settings.clientAddress();
    }

    /**
     * What a client sets, besides {@link #bootstrapServers()}, to log in to this secured broker as
     * {@code user} with {@code password} (right or wrong): {@code security.protocol},
     * {@code ssl.truststore.*}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
     *
     * @throws IllegalStateException if the broker is not secured
     */
    public Map<String, String> clientProperties(String user, String password) {
        return settings.secured().map(s -> s.listener().clientProperties(user, password))
                .orElseThrow(() -> new IllegalStateException("the broker at " + bootstrapServers()
                        + " listens in plaintext: its clients need no properties"));
    }

    /**
     * Where this broker keeps its data.
     *
     * @return the directory holding the metadata log and every topic partition
     */
    public Path dataDirectory() {
        return settings.dataDirectory();
    }

    /**
     * Creates a topic with {@code partitions} partitions and replication factor 1, and returns
     * once every partition's leader answers {@code ListOffsets}, so records produced next (even
     * by an idempotent producer) are not caught in the leader election (KAFKA-14359).
     * Creating a topic that already exists with the same partition count does nothing else.
     *
     * @param name       the topic name
     * @param partitions how many partitions it has, at least 1
     * @throws IllegalArgumentException if {@code partitions} is below 1
     * @throws IllegalStateException    if the topic exists with another partition count, the
     *                                  name is invalid, the broker is closed, or the topic is not
     *                                  ready within 30 s
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * As {@link #createTopic(String, int)}, with topic-level configs such as
     * {@code cleanup.policy=compact}. The configs of a topic that already exists are neither
     * compared nor changed.
     *
     * @param name       the topic name
     * @param partitions how many partitions it has, at least 1
     * @param configs    topic-level configs, by name
     * @throws IllegalArgumentException if {@code partitions} is below 1
     * @throws IllegalStateException    as {@link #createTopic(String, int)}
     */
    public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (closed) {
            throw new IllegalStateException(
                    "cannot create topic '" + name + "': the broker at " + bootstrapServers()
                            + " is closed");
        }
        topics.create(name, partitions, configs);
    }

    /**
     * Shuts the broker down cleanly (the controlled shutdown waits at most 10 s), releases its
     * ports and, if the data directory was a temporary one, deletes it. Does nothing if already
     * closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            topics.close();
            node.stop(CONTROLLED_SHUTDOWN_TIMEOUT);
        } finally {
            settings.secured().ifPresent(s -> s.listener().tls().delete());
        }
        if (deleteDataDirectoryOnClose) {
            deleteDirectory(dataDirectory());
        }
        LOG.debug("broker at {} closed in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + dataDirectory() + "]";
    }

    private static void deleteDirectory(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Kafka data directory " + directory, e);
        }
    }

    /**
     * Chooses where and how an {@link EmbeddedKafkaBroker} runs. Not thread-safe; each call to
     * {@link #start()} starts a new broker.
     */
    public static final class Builder {

        private Optional<Path> dataDirectory = Optional.empty();
        private int brokerPort;
        private boolean autoCreateTopics;
        private Optional<KafkaSecurity> security = Optional.empty();

        private Builder() {
        }

        /**
         * Keeps data in {@code directory} (created if missing) and leaves it there on close,
         * so a later broker on the same directory finds the same topics and records. The
         * directory must be empty or hold data of an earlier embedded broker.
         *
         * @param directory the data directory
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Listens for clients on a given port instead of a free ephemeral one.
         *
         * @param port the broker port, 1..65535
         * @return this builder
         * @throws IllegalArgumentException if the port is outside 1..65535
         */
        public Builder brokerPort(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("broker port must be 1..65535, was " + port);
            }
            this.brokerPort = port;
            return this;
        }

        /**
         * Whether the broker creates a topic the first time a client names it.
         *
         * @param enabled true to let clients create topics by naming them (default: false)
         * @return this builder
         */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /**
         * Secures the listener clients use: SASL_SSL with {@code security}'s SCRAM users (see the
         * class comment). {@link #brokerPort(int)} still names the plaintext listener.
         *
         * @param security the users
         * @return this builder
         */
        public Builder security(KafkaSecurity security) {
            this.security = Optional.of(Objects.requireNonNull(security, "security"));
            return this;
        }

        /**
         * Formats the data directory if needed, starts the broker and returns once it serves
         * clients.
         *
         * @return the running broker
         * @throws IllegalArgumentException if the data directory is neither empty nor formatted
         * @throws IllegalStateException    if the requested broker port is in use or the broker
         *                                  fails to start
         */
        public EmbeddedKafkaBroker start() {
            long started = System.nanoTime();
            boolean temporary = dataDirectory.isEmpty();
            Path directory = dataDirectory.map(Builder::createDirectories)
                    .orElseGet(Builder::createTemporaryDirectory);
            EmbeddedKafkaBroker broker;
            try {
                broker = startIn(directory, temporary);
            } catch (RuntimeException e) {
                if (temporary) {
                    try {
                        deleteDirectory(directory);
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
            LOG.debug("{} started in {} ms", broker,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return broker;
        }

        private EmbeddedKafkaBroker startIn(Path directory, boolean temporary) {
            BrokerNode node = BrokerNode.bind(BrokerSettings.SINGLE_NODE_ID, directory, HOST, brokerPort,
                    security.isPresent());
            Optional<SecuredListener> secured = Optional.empty();
            try {
                secured = security.map(users -> new SecuredListener(users, TlsFiles.create(HOST)));
                BrokerSettings settings = node.settings(Map.of(node.nodeId(), node.controllerPort()),
                        autoCreateTopics, secured);
                node.start(settings, StorageFormat.newClusterId(), CONTROLLED_SHUTDOWN_TIMEOUT);
                try {
                    return new EmbeddedKafkaBroker(settings, node, temporary);
                } catch (RuntimeException e) {
                    node.stop(CONTROLLED_SHUTDOWN_TIMEOUT);
                    throw e;
                }
            } catch (RuntimeException e) {
                node.stop(CONTROLLED_SHUTDOWN_TIMEOUT);
                secured.ifPresent(s -> s.tls().delete());
                throw e;
            }
        }

        private static Path createDirectories(Path directory) {
            try {
                return Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot create Kafka data directory " + directory, e);
            }
        }

        private static Path createTemporaryDirectory() {
            try {
                return Files.createTempDirectory("nodedex-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary Kafka data directory", e);
            }
        }
    }
}
