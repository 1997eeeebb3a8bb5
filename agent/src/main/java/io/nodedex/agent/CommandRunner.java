package io.nodedex.agent;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Source;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.event.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the vHBA commands of one host (docs/design.md, "Decisions are events"): reads the
 * host's partition of the commands topic, checks each command, carries it out with its
 * {@link VhbaExecutor} and publishes the outcome, signed with the host's key, to the events topic.
 *
 * <ul>
 *   <li>A command not signed by the command key the agent trusts, or that does not decode, is
 *       refused: logged, counted ({@link #refused()}), and reported as a {@code REFUSED} outcome
 *       when it names a request (replicas do not let such a report fail a request: a forger
 *       could otherwise fail real ones). Nothing is created.
 *   <li>Commands for other hosts sharing the partition are skipped.
 *   <li>A command whose deadline passed is not started: its request has expired.
 *   <li>An agent's first start begins at the end of the partition: commands issued before it ran
 *       have expired or will (a request's host has the timeout to answer), and are not replayed.
 *   <li>Each request is carried out once: its id is remembered in {@value #DONE_FILE} once its
 *       outcome is acknowledged, and the position in {@value #POSITION_FILE} after each command. An
 *       agent killed between carrying out and reporting carries the command out again after its
 *       restart, which the executor makes a no-op (the vHBA with that WWPN exists), and reports.
 * </ul>
 *
 * <p>Threading: one thread of its own, {@code nodedex-commands}; {@link #close()} from any thread.
 */
public final class CommandRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    static final String POSITION_FILE = "commands-position";
    static final String DONE_FILE = "commands-done";

    private final CommandRunnerConfig config;
    private final SigningKey hostKey;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Set<String> done;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong carriedOut = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    private CommandRunner(CommandRunnerConfig config, SigningKey hostKey, Clock clock) {
        this.config = config;
        this.hostKey = hostKey;
        this.clock = clock;
        this.done = readDone(config.stateDirectory());
        this.consumer = new KafkaConsumer<>(consumerConfig(config));
        Map<String, Object> producerConfig = KafkaEventSink.producerConfig(config.kafka(), config.hostId());
        producerConfig.put("client.id", "nodedex-agent-outcomes-" + config.hostId());
        this.producer = new KafkaProducer<>(producerConfig);
        this.thread = new Thread(this::run, "nodedex-commands");
    }

    /**
     * Starts carrying out the host's commands, with the host's key from the state directory.
     *
     * @throws InvalidInputException when the state directory holds no usable key or state
     */
    public static CommandRunner start(CommandRunnerConfig config) {
        return start(config, HostKey.in(config.stateDirectory()), Clock.systemUTC());
    }

    static CommandRunner start(CommandRunnerConfig config, SigningKey hostKey, Clock clock) {
        CommandRunner runner = new CommandRunner(config, hostKey, clock);
        try {
            runner.assign();
        } catch (RuntimeException e) {
            runner.consumer.close(Duration.ZERO);
            runner.producer.close(Duration.ZERO);
            throw e;
        }
        runner.thread.setDaemon(true);
        runner.thread.start();
        LOG.info("host {}: carrying out vHBA commands from {} signed by {}", config.hostId(), config.commandsTopic(),
                config.commandKey().fingerprint());
        return runner;
    }

    /** Commands refused so far: forged, undecodable, or not for this host. */
    public long refused() {
        return refused.get();
    }

    /** Commands carried out so far (done or failed, outcome acknowledged). */
    public long carriedOut() {
        return carriedOut.get();
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                    writePosition(record.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("host {}: the command runner stopped", config.hostId(), e);
            }
        }
    }

    private TopicPartition assign() {
        int partitions;
        while (true) {
            List<org.apache.kafka.common.PartitionInfo> info = consumer.partitionsFor(config.commandsTopic());
            if (info != null && !info.isEmpty()) {
                partitions = info.size();
                break;
            }
            LOG.warn("host {}: the commands topic {} does not exist yet", config.hostId(), config.commandsTopic());
            sleep(Duration.ofSeconds(1));
        }
        TopicPartition partition = new TopicPartition(config.commandsTopic(),
                EventKey.partition(config.hostId(), partitions));
        consumer.assign(List.of(partition));
        Optional<Long> position = readPosition();
        if (position.isPresent()) {
            consumer.seek(partition, position.get());
        } else {
            consumer.seekToEnd(List.of(partition));
            writePosition(consumer.position(partition));
        }
        return partition;
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null
                || !EventKey.hostOf(record.key()).equals(config.hostId())) {
            return; // another host's command in the shared partition
        }
        Event event;
        Optional<PublicSigningKey> signer;
        try {
            event = codec.decode(record.value());
            signer = RecordSignatures.signer(record.headers(), record.key(), record.value());
        } catch (InvalidInputException e) {
            refuse(Optional.empty(), "command at offset " + record.offset() + " refused: " + e.getMessage());
            return;
        }
        Optional<String> requestId = event.payload() instanceof VhbaCommand c ? Optional.of(c.requestId())
                : Optional.empty();
        if (!signer.equals(Optional.of(config.commandKey()))) {
            refuse(requestId, "command at offset " + record.offset() + " refused: "
                    + signer.map(key -> "signed by " + key.fingerprint()).orElse("not signed")
                    + ", not by the command key this agent trusts (" + config.commandKey().fingerprint() + ")");
            return;
        }
        if (!(event.payload() instanceof VhbaCommand command) || !event.header().hostId().equals(config.hostId())) {
            refuse(Optional.empty(), "record at offset " + record.offset() + " refused: not a vHBA command for host "
                    + config.hostId());
            return;
        }
        if (done.contains(command.requestId())) {
            return;
        }
        if (clock.instant().isAfter(command.deadline())) {
            LOG.warn("host {}: command of request {} not started: its deadline {} passed", config.hostId(),
                    command.requestId(), command.deadline());
            return;
        }
        VhbaExecutor.Result result = command.action() == VhbaCommand.Action.CREATE
                ? config.executor().create(command.device(), command.wwnn().orElseThrow(), command.wwpn().orElseThrow())
                : config.executor().destroy(command.device());
        LOG.info("host {}: request {} ({} {}): {}", config.hostId(), command.requestId(), command.action(),
                command.device(), result.message());
        publish(new VhbaOutcome(command.requestId(), result.done() ? VhbaOutcome.Result.DONE
                : VhbaOutcome.Result.FAILED, result.name(), result.message()));
        markDone(command.requestId());
        carriedOut.incrementAndGet();
    }

    private void refuse(Optional<String> requestId, String reason) {
        refused.incrementAndGet();
        LOG.error("host {}: {}", config.hostId(), reason);
        requestId.ifPresent(id -> {
            try {
                publish(new VhbaOutcome(id, VhbaOutcome.Result.REFUSED, Optional.empty(), reason));
            } catch (RuntimeException e) {
                LOG.error("host {}: cannot report the refusal", config.hostId(), e);
            }
        });
    }

    private void publish(VhbaOutcome outcome) {
        Event event = new Event(new EventHeader(config.hostId(), clock.millis(), 0, Source.LIBVIRT, clock.instant()),
                outcome);
        byte[] key = EventKey.of(event);
        byte[] value = codec.encode(event);
        String topic = config.kafka().topic();
        int partition = EventKey.partition(config.hostId(), producer.partitionsFor(topic).size());
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, key, value,
                    RecordSignatures.sign(hostKey, key, value))).get(config.kafka().deliveryTimeout().toMillis() + 5000,
                            TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reporting request " + outcome.requestId(), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot report request " + outcome.requestId() + ": " + e, e);
        }
    }

    private static Map<String, Object> consumerConfig(CommandRunnerConfig config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "nodedex-agent-commands-" + config.hostId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.putAll(config.kafka().properties().consumer());
        return properties;
    }

    private Optional<Long> readPosition() {
        Path file = config.stateDirectory().resolve(POSITION_FILE);
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void writePosition(long next) {
        Path file = config.stateDirectory().resolve(POSITION_FILE);
        Path temporary = config.stateDirectory().resolve(POSITION_FILE + ".tmp");
        try {
            Files.writeString(temporary, Long.toString(next));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Set<String> readDone(Path stateDirectory) {
        Path file = stateDirectory.resolve(DONE_FILE);
        try {
            Files.createDirectories(stateDirectory);
            return Files.exists(file) ? new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new HashSet<>();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void markDone(String requestId) {
        done.add(requestId);
        try {
            Files.writeString(config.stateDirectory().resolve(DONE_FILE), requestId + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember request " + requestId, e);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(5));
    }
}
