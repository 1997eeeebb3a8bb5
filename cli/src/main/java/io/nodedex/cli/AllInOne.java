package io.nodedex.cli;

import com.google.common.util.concurrent.Uninterruptibles;
import io.nodedex.agent.Agent;
import io.nodedex.agent.AgentConfig;
import io.nodedex.agent.CommandRunner;
import io.nodedex.agent.CommandRunnerConfig;
import io.nodedex.agent.LibvirtSourceSettings;
import io.nodedex.agent.KafkaSettings;
import io.nodedex.agent.SysfsSourceSettings;
import io.nodedex.api.CommandSettings;
import io.nodedex.api.QueryServerConfig;
import io.nodedex.api.Replica;
import io.nodedex.testkit.fleet.Fleet;
import io.nodedex.testkit.fleet.FleetFiles;
import io.nodedex.testkit.fleet.FleetGenerator;
import io.nodedex.testkit.fleet.SimulatedHost;
import io.nodedex.device.InvalidInputException;
import io.nodedex.event.kafka.AdminRecords;
import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.TopicSetup;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * nodedex in one process, for a first look: a real single-node KRaft broker, a simulated fleet
 * whose every host runs a real {@link Agent} (libvirt's test driver on the host's file, and the
 * host's sysfs tree), and an indexer replica with its query API on {@code 127.0.0.1}: loopback
 * only, so it is open without tokens; over HTTPS when given a certificate and key.
 *
 * <p>{@link #start} brings the parts up in order, reporting each stage: the broker on
 * {@link AllInOneData#kafka()}, the topics, the fleet (generated into
 * {@link AllInOneData#fleet()}, or reused when a previous run left the same one there), the
 * agents (each has published its libvirt and its sysfs snapshot), then the replica, which is
 * ready once it has indexed the log up to those snapshots. A second start on the same directory
 * resumes: the broker keeps its log, the indexer its offsets, the agents their incarnations.
 *
 * <p>Threading: {@link #start} and {@link #close()} are serialized: a {@code close()} from
 * another thread (a shutdown hook) waits for {@code start} to return, so interrupt the starting
 * thread first to stop at once. {@code close()} may be called while another thread waits in
 * {@link #awaitTermination()}.
 */
final class AllInOne implements AutoCloseable {

    /**
     * What to run.
     *
     * @param dataDirectory where everything is kept (see {@link AllInOneData})
     * @param port the API's port on 127.0.0.1; 0 for any free port
     * @param hosts how many simulated hosts
     * @param seed the fleet's seed
     * @param kafkaProperties client properties for every Kafka client of the stack (agents, indexer,
     *     checks); the embedded broker listens in plaintext, so they cannot ask for another protocol
     * @param tlsCertificate with {@code tlsKey}: serve the API over HTTPS only (the certificate
     *     must name 127.0.0.1, which the start's own check connects to)
     * @param tlsKey the certificate's PKCS#8 key
     * @param historyRetention how long the replica keeps each device's versions before its newest
     * @param sysfsRescan how often each agent reads its host's sysfs tree again ({@link #RESCAN_INTERVAL}
     *     for people; tests that edit the trees take less)
     */
    record Settings(Path dataDirectory, int port, int hosts, long seed, ClientProperties kafkaProperties,
            Optional<Path> tlsCertificate, Optional<Path> tlsKey, Duration historyRetention, Duration sysfsRescan) {

        /** Rescanning sysfs every {@link #RESCAN_INTERVAL}. */
        Settings(Path dataDirectory, int port, int hosts, long seed, ClientProperties kafkaProperties,
                Optional<Path> tlsCertificate, Optional<Path> tlsKey, Duration historyRetention) {
            this(dataDirectory, port, hosts, seed, kafkaProperties, tlsCertificate, tlsKey, historyRetention,
                    RESCAN_INTERVAL);
        }

        /** Keeping the default history ({@link IndexerConfig#DEFAULT_HISTORY_RETENTION}), rescanning every {@link #RESCAN_INTERVAL}. */
        Settings(Path dataDirectory, int port, int hosts, long seed, ClientProperties kafkaProperties,
                Optional<Path> tlsCertificate, Optional<Path> tlsKey) {
            this(dataDirectory, port, hosts, seed, kafkaProperties, tlsCertificate, tlsKey,
                    IndexerConfig.DEFAULT_HISTORY_RETENTION);
        }

        /** Without client properties, over plain HTTP. */
        Settings(Path dataDirectory, int port, int hosts, long seed) {
            this(dataDirectory, port, hosts, seed, ClientProperties.NONE, Optional.empty(), Optional.empty());
        }
    }

    static final String HOST = "127.0.0.1";
    /** The topics created on the broker, which the agents write and the indexer reads. */
    private static final EventTopics TOPICS = EventTopics.DEFAULT;
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    static final Duration RESCAN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final long POLL_MILLIS = 50;
    private static final int AGENT_STARTERS = 4;

    private final Settings settings;
    private final AllInOneData data;
    /** The fleet files a previous run completed, reused with any edits; else written at start. */
    private final Optional<FleetFiles> existingFiles;
    private final List<Agent> agents = new ArrayList<>();
    private final List<CommandRunner> commandRunners = new ArrayList<>();
    private Optional<EmbeddedKafkaBroker> broker = Optional.empty();
    private Optional<Replica> replica = Optional.empty();
    private Fleet fleet;
    private FleetFiles files;
    private URI url;
    private boolean closed;

    private AllInOne(Settings settings, AllInOneData data, Optional<FleetFiles> existingFiles) {
        this.settings = settings;
        this.data = data;
        this.existingFiles = existingFiles;
    }

    /**
     * Checks the settings and locks the data directory; {@link #start} starts the parts.
     *
     * @throws InvalidInputException when the settings cannot be used (too few or many hosts, port
     *     in use, data directory in use, holding another fleet or something else)
     */
    static AllInOne open(Settings settings) {
        if (settings.hosts() < FleetGenerator.MIN_HOSTS || settings.hosts() > FleetGenerator.MAX_HOSTS) {
            throw new InvalidInputException("--hosts " + settings.hosts() + ": a fleet has " + FleetGenerator.MIN_HOSTS
                    + " to " + FleetGenerator.MAX_HOSTS + " hosts");
        }
        requirePlaintext(settings.kafkaProperties());
        requireFreePort(settings.port());
        AllInOneData data = AllInOneData.lock(settings.dataDirectory());
        try {
            return new AllInOne(settings, data, existingFleet(settings, data));
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** The fleet a previous run left in the data directory, if any; it must be the one asked for. */
    private static Optional<FleetFiles> existingFleet(Settings settings, AllInOneData data) {
        Optional<FleetFiles.Origin> origin = FleetFiles.origin(data.fleet());
        FleetFiles.Origin wanted = new FleetFiles.Origin(settings.seed(), settings.hosts());
        if (origin.isPresent() && !origin.get().equals(wanted)) {
            throw new InvalidInputException("--data " + data.root() + " holds a fleet of " + origin.get().hosts()
                    + " hosts from seed " + origin.get().seed() + ", not " + wanted.hosts() + " from seed "
                    + wanted.seed() + ": start with --hosts " + origin.get().hosts() + " --seed " + origin.get().seed()
                    + ", or choose another --data");
        }
        return origin.map(o -> new FleetFiles(data.fleet()));
    }

    /**
     * Starts everything and returns once the API answers from an index holding every host. On a
     * failure, or when interrupted, stops what it started and throws.
     *
     * @param stage told one line per stage, as it completes
     * @throws IllegalStateException when a part fails to start, is not ready in time, or the
     *     calling thread is interrupted
     */
    synchronized void start(Consumer<String> stage) {
        if (closed || url != null) {
            throw new IllegalStateException("this all-in-one was already started or closed");
        }
        try {
            startParts(stage);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** A data directory whose event log an earlier release wrote cannot be resumed: say what to do. */
    private void refuseAnEarlierLayout(KafkaAccess kafka) {
        try (Admin admin = kafka.admin("nodedex-all-in-one")) {
            new TopicSetup(admin).check(TOPICS.events());
        } catch (TopicSetup.IncompatibleTopicException e) {
            throw new InvalidInputException(data.root() + " was written by an earlier release of nodedex, whose event"
                    + " log this release does not read: delete it (rm -r " + data.root() + ") or start with another"
                    + " --data");
        }
    }

    private void startParts(Consumer<String> stage) {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDirectory(data.kafka()).start();
        broker = Optional.of(kafka);
        stage.accept("broker up at " + kafka.bootstrapServers() + " (log in " + data.kafka() + ")");

        KafkaAccess access = new KafkaAccess(kafka.bootstrapServers(), settings.kafkaProperties());
        TOPICS.createWith(kafka::createTopic);
        refuseAnEarlierLayout(access);
        stage.accept("topics " + TOPICS.events().name() + " (" + TOPICS.events().partitions() + " partitions) and "
                + TOPICS.deadLetters().name() + " ready");

        fleet = FleetGenerator.generate(settings.seed(), settings.hosts());
        files = existingFiles.orElseGet(() -> FleetFiles.write(fleet, data.fleet()));
        stage.accept("fleet " + (existingFiles.isPresent() ? "reused" : "generated") + ": " + fleet.hosts().size()
                + " hosts (seed " + settings.seed() + "), " + fleet.portCount() + " HBA ports, " + fleet.vhbaCount()
                + " vHBAs, in " + files.directory());

        SigningKey adminKey = data.adminKey();
        enrolHosts(access, adminKey);
        stage.accept(fleet.hosts().size() + " hosts' keys enrolled (signed by " + adminKey.publicKey().fingerprint()
                + "); the replica applies only records their keys signed");
        startAgents(access);
        awaitSnapshots();
        stage.accept(agents.size() + " agents snapshotted (libvirt test driver and sysfs each; heartbeat every "
                + HEARTBEAT_INTERVAL.toSeconds() + " s, sysfs rescan every " + settings.sysfsRescan().toSeconds()
                + " s)");

        SigningKey commandKey = data.commandKey();
        startCommandRunners(access, commandKey);
        Replica started;
        try {
            started = Replica.start(IndexerConfig.of(access.bootstrapServers(), data.index()).withTopics(TOPICS)
                            .withKafkaProperties(access.properties()).withAdminKey(adminKey.publicKey())
                            .withHistoryRetention(settings.historyRetention())
                            .withCommandKey(commandKey.publicKey()),
                    QueryServerConfig.of(new InetSocketAddress(HOST, settings.port())).withSocketActivation(false)
                            .withTls(settings.tlsCertificate(), settings.tlsKey()),
                    Optional.of(new CommandSettings(commandKey, CommandSettings.DEFAULT_TIMEOUT)));
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains(" has layout ")) {
                throw new InvalidInputException(data.root() + " holds an index an earlier release of nodedex wrote,"
                        + " which this release does not read: delete it (rm -r " + data.root() + ") or start with"
                        + " another --data");
            }
            throw e;
        }
        replica = Optional.of(started);
        url = URI.create(started.server().scheme() + "://" + HOST + ":" + started.server().address().getPort());
        int hosts = awaitReady();
        stage.accept("indexer caught up: " + hosts + " hosts indexed in " + data.index() + "; API on " + url);
    }

    /**
     * Enrols every simulated host's key (each created in its agent's state directory if missing),
     * signed by the administrators' key, as {@code nodedex host enroll} would: before the agents
     * start, so their first records already find their host enrolled.
     */
    private void enrolHosts(KafkaAccess access, SigningKey adminKey) {
        try (KafkaProducer<byte[], byte[]> producer = access.producer("nodedex-all-in-one-enrol")) {
            AdminRecords records = new AdminRecords(producer, TOPICS.events().name(), Clock.systemUTC(),
                    Optional.of(adminKey));
            for (SimulatedHost host : fleet.hosts()) {
                records.enrol(host.id(), Agent.publicKey(data.agentState(host.id())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enrolling the simulated hosts", e);
        }
    }

    /** Starts an agent per host, a few at a time (each writes its incarnation and opens a producer). */
    private void startAgents(KafkaAccess kafka) {
        ExecutorService starters = Executors.newFixedThreadPool(AGENT_STARTERS);
        try {
            List<Future<Agent>> starting = new ArrayList<>();
            for (SimulatedHost host : fleet.hosts()) {
                Path sysfs = files.sysfsRoot(host.id());
                AgentConfig config = AgentConfig.defaults(host.id())
                        .withLibvirt(Optional.of(LibvirtSourceSettings.of(files.libvirtUri(host.id()))))
                        .withSysfs(Optional.of(SysfsSourceSettings.of(sysfs, settings.sysfsRescan())))
                        .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(kafka.bootstrapServers())
                                .withTopic(TOPICS.events().name()).withProperties(kafka.properties()))
                        .withHeartbeatInterval(HEARTBEAT_INTERVAL)
                        .withStateDirectory(data.agentState(host.id()));
                starting.add(starters.submit(() -> Agent.start(config)));
            }
            Optional<RuntimeException> failure = Optional.empty();
            for (Future<Agent> agent : starting) { // every one, so that all that started are closed
                try {
                    agents.add(Uninterruptibles.getUninterruptibly(agent));
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("an agent failed to start: " + e.getCause(), e.getCause());
                    failure = failure.or(() -> Optional.of(cause));
                }
            }
            failure.ifPresent(e -> {
                throw e;
            });
        } finally {
            starters.shutdown();
        }
    }

    /**
     * Starts each simulated host's command runner: it carries out the vHBA commands the replica's
     * API signs ({@code POST /v1/vhbas}) on the host's sysfs tree, as the kernel would
     * ({@link SysfsVhbas}); each host's libvirt is a test-driver file private to its connection.
     */
    private void startCommandRunners(KafkaAccess kafka, SigningKey commandKey) {
        for (SimulatedHost host : fleet.hosts()) {
            commandRunners.add(CommandRunner.start(new CommandRunnerConfig(host.id(), KafkaSettings.DEFAULT
                    .withBootstrapServers(kafka.bootstrapServers()).withTopic(TOPICS.events().name())
                    .withProperties(kafka.properties()), TOPICS.commands().name(), commandKey.publicKey(),
                    data.agentState(host.id()), new SysfsVhbas(files.sysfsRoot(host.id())))));
        }
    }

    /** Waits until every agent has delivered a snapshot from each of its two sources. */
    private void awaitSnapshots() {
        long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
        for (int i = 0; i < agents.size(); i++) {
            while (agents.get(i).stats().delivered() < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the agent of " + fleet.hosts().get(i).id() + " delivered "
                            + agents.get(i).stats().delivered() + " of its 2 snapshots within "
                            + SNAPSHOT_TIMEOUT.toSeconds() + " s; see the log above");
                }
                pause();
            }
        }
    }

    /** Waits until {@code /readyz} says ready; returns how many hosts are indexed. */
    private int awaitReady() {
        // trusting the server's own certificate: what the banner tells a user to pass as --ca-cert
        ApiClient client = new ApiClient(url, Optional.empty(), settings.tlsCertificate().map(TrustedCertificates::of));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (client.get(List.of("readyz"), Map.of()).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the indexer did not catch up with the log within "
                        + READY_TIMEOUT.toSeconds() + " s: " + client.get(List.of("readyz"), Map.of()).body());
            }
            pause();
        }
        return client.get(List.of("v1", "hosts"), Map.of()).body().path("hosts").size();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** The embedded broker listens in plaintext: client properties asking for TLS or SASL cannot reach it. */
    private static void requirePlaintext(ClientProperties properties) {
        String protocol = properties.values().getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        if (!protocol.equalsIgnoreCase("PLAINTEXT")) {
            throw new InvalidInputException("--kafka-config: " + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + "="
                    + protocol + " cannot reach all-in-one's embedded broker, which listens in plaintext on " + HOST
                    + "; leave security settings out of the file");
        }
    }

    /** Fails early, naming the port, rather than after starting the broker and the agents. */
    private static void requireFreePort(int port) {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--port " + port + " is not a port number (0 to 65535; 0: any free port)");
        }
        if (port == 0) {
            return;
        }
        try {
            new ServerSocket(port, 1, InetAddress.getByName(HOST)).close();
        } catch (IOException e) {
            throw new InvalidInputException("--port " + port + ": cannot listen on " + HOST + ":" + port + " ("
                    + e.getMessage() + "); is another all-in-one running? Choose another port with --port");
        }
    }

    // The accessors below are for the thread that called start(), after it returned.

    /** The API, {@code http://127.0.0.1:PORT} (or {@code https://}). */
    URI url() {
        return url;
    }

    /** The simulated fleet. */
    Fleet fleet() {
        return fleet;
    }

    /** The data directory. */
    Path data() {
        return data.root();
    }

    /** Where the fleet's files are. */
    FleetFiles files() {
        return files;
    }

    /**
     * Waits until the indexer stops: after {@link #close()}, or when it fails.
     *
     * @return why it stopped, empty after a {@link #close()}
     */
    Optional<Throwable> awaitTermination() throws InterruptedException {
        return replica.orElseThrow().awaitTermination();
    }

    /**
     * Stops the agents (each flushes what it queued), then the API and the indexer, then the
     * broker, and unlocks the data directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(() -> closeTogether(commandRunners));
        parts.addAll(agents);
        replica.ifPresent(parts::add);
        broker.ifPresent(parts::add);
        parts.add(data);
        RuntimeException failure = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the all-in-one failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes {@code parts} at once, one thread each (a command runner's close waits on its Kafka
     * clients; one after the other, two dozen took seconds); throws the first failure.
     */
    private static void closeTogether(List<? extends AutoCloseable> parts) throws Exception {
        List<Thread> threads = new ArrayList<>();
        java.util.Queue<Exception> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (AutoCloseable part : parts) {
            Thread thread = new Thread(() -> {
                try {
                    part.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "nodedex-all-in-one-stop");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Exception first = failures.poll();
        if (first != null) {
            failures.forEach(first::addSuppressed);
            throw first;
        }
    }
}
