package io.nodedex.indexer;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One indexer replica: consumes every partition of the events topic and folds it into its own
 * RocksDB, each poll one atomic batch holding the state, the index changes and the consumed
 * offsets. Records that cannot be decoded or are refused go to the dead-letter topic.
 *
 * <pre>{@code
 * try (Indexer indexer = Indexer.open(IndexerConfig.of("kafka:9092", Path.of("/var/lib/nodedex")))) {
 *     Thread thread = new Thread(indexer, "nodedex-indexer");
 *     thread.start();
 *     IndexReader reader = indexer.reader();   // serve queries from any thread
 *     ...
 * }   // close(): stops the loop, waits for it, closes the clients and the database
 * }</pre>
 *
 * <p>Threading: exactly one thread calls {@link #run()}, which applies everything (it hands the
 * CPU-bound decoding and encoding of each poll to a small pool of its own, one thread per core,
 * and waits for it, and writes each poll's batch on a writer thread of its own while it fetches
 * the next poll, and decodes and folds it too when it has none of the batch's hosts). {@link #reader()}
 * may be used from any number of threads concurrently (each read sees one RocksDB snapshot).
 * {@link #shutdown()} and {@link #close()} may be called from any thread.
 *
 * <p>Failures: bad records never stop the indexer (they are dead-lettered and counted). It stops,
 * with {@link #run()} throwing, only when it cannot go on without losing something: the
 * dead-letter topic does not acknowledge, or the database cannot be written. A restart resumes
 * from the stored offsets.
 */
public final class Indexer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final Duration PARTITIONS_INTERVAL = Duration.ofSeconds(30);
    /** How often the memtables are flushed at the latest, bounding what a crash makes us consume again. */
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(30);
    /**
     * How long a poll waits for records while a batch is being written, before it looks whether
     * the write is done: what a write done meanwhile waits for the applying thread at most.
     */
    private static final Duration POLL_STEP_WHILE_WRITING = Duration.ofMillis(2);

    private final IndexerConfig config;
    private final Store store;
    private final HostKeys hostKeys;
    private final Counters counters = new Counters();
    private final Workers workers = Workers.perCore();
    private final BatchWriter writer;
    private final Admission admission;
    private final RecordDecoder decoder;
    private final Consumer<byte[], byte[]> consumer;
    private final DeadLetters deadLetters;
    private final Assignment assignment;
    private final StoreReader reader;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private final IngestPositions positions;
    private long partitionsCheckedAt;
    private long flushedAt = System.nanoTime();

    private Indexer(IndexerConfig config, Store store, HostKeys hostKeys) {
        this.config = config;
        this.store = store;
        this.hostKeys = hostKeys;
        this.writer = new BatchWriter(store);
        this.admission = new Admission(config.adminKey(), config.maxClockSkew(), config.commandKey());
        this.decoder = new RecordDecoder(admission.checksSignatures());
        this.consumer = new KafkaConsumer<>(IndexerClients.consumer(config));
        this.deadLetters = new DeadLetters(new KafkaProducer<>(IndexerClients.deadLetterProducer(config)), config.deadLetterTopic());
        this.assignment = new Assignment(consumer, config.topic(), store);
        this.positions = new IngestPositions(consumer, assignment, config.topic());
        this.reader = new StoreReader(store, hostKeys, positions::status, counters);
    }

    /**
     * Opens the replica's database (dropping it first when {@link IndexerConfig#rebuild()}) and
     * creates its Kafka clients. Nothing is consumed until {@link #run()}.
     *
     * @throws IllegalStateException when the database cannot be opened, or holds another topic
     */
    public static Indexer open(IndexerConfig config) {
        return open(config, HostKeys.FARM_HASH);
    }

    /** As {@link #open(IndexerConfig)}, with another host-key function (a test seam). */
    static Indexer open(IndexerConfig config, HostKeys hostKeys) {
        if (config.rebuild()) {
            LOG.info("rebuild: dropping the state in {} and replaying {} from the beginning", config.dataDirectory(),
                    config.topic());
            Store.destroy(config.dataDirectory());
        }
        Store store = Store.open(config.dataDirectory(), config.syncWrites());
        try {
            store.bindTopic(config.topic());
            return new Indexer(config, store, hostKeys);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The vHBA requests as this replica decided them; valid until {@link #close()}. */
    public VhbaRequests vhbaRequests() {
        return new StoreVhbaRequests(store, hostKeys);
    }

    /** The read API over this replica's state; valid until {@link #close()}. */
    public IndexReader reader() {
        return reader;
    }

    /**
     * Consumes and applies until {@link #shutdown()} or {@link #close()}. Call at most once, on
     * the thread that is to apply events.
     *
     * @throws IllegalStateException when called twice, or when the indexer cannot go on without
     *     losing data (see the class comment)
     */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this indexer is already running or has run");
        }
        try {
            awaitTopic();
            checkTopic();
            List<String> outside = stopping ? List.of() : assignment.positionsOutsideTheLog();
            if (!outside.isEmpty()) {
                rebootstrap(String.join("; ", outside));
            }
            catchUp();
            while (!stopping) {
                refreshPartitionsWhenDue();
                ConsumerRecords<byte[], byte[]> records;
                boolean writing = writer.busy();
                try {
                    records = writing ? pollWhileWriting() : consumer.poll(config.pollTimeout());
                } catch (OffsetOutOfRangeException e) {
                    finishWrite();
                    rebootstrap("positions outside the log: " + new TreeMap<>(e.offsetOutOfRangePartitions()));
                    continue;
                }
                if (records.isEmpty()) {
                    finishWrite();
                    positions.update(records, !writing);
                } else if (writing) {
                    submit(records, records, true);
                } else {
                    submitFindingTheWriterIdle(records);
                }
                flushWhenDue();
                resumeCompactionsOnceCaughtUp();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the indexer stops: {}", e.getMessage(), e);
            throw e;
        } finally {
            try {
                writer.close();
            } finally {
                finished.countDown();
            }
        }
    }

    /**
     * Starts this replica over from the beginning of the log: its stored positions no longer lie
     * inside the log, so going on from them would silently miss records (docs/design.md, "The log
     * grows with the fleet"). The state and the positions are dropped in one atomic batch.
     */
    private void rebootstrap(String why) {
        LOG.warn("re-bootstrapping from the beginning of {}: {}; this replica's state is dropped and rebuilt",
                config.topic(), why);
        store.clearState();
        assignment.seekToBeginning();
        positions.newGeneration();
        counters.addRebootstrap();
        catchUp();
    }

    /**
     * Defers compactions until this replica has caught up with the log (docs/design.md,
     * "Catching up defers compactions"): at the start (the store opens so), and after a re-bootstrap.
     */
    private void catchUp() {
        store.deferCompactions(); // at the start they already are
        LOG.info("catching up with {}: compactions are deferred until this replica has caught up", config.topic());
    }

    private void resumeCompactionsOnceCaughtUp() {
        if (store.compactionsDeferred() && positions.status().caughtUp() && store.resumeCompactions()) {
            LOG.info("caught up with {}: compactions resume", config.topic());
        }
    }

    /**
     * Checks the events topic's configs ({@link TopicSetup}): a topic that is not compacted was
     * written by an earlier release and stops the indexer with what to run; other differences are
     * warnings.
     */
    private void checkTopic() {
        if (stopping) {
            return;
        }
        try (Admin admin = Admin.create(IndexerClients.admin(config))) {
            new TopicSetup(admin).check(new EventTopics.Topic(config.topic(), 1, EventTopics.EVENT_CONFIGS))
                    .forEach(warning -> LOG.warn("{}", warning));
        }
    }

    private void awaitTopic() {
        while (!stopping && !assignment.refresh()) {
            LOG.warn("topic {} does not exist yet; waiting for it", config.topic());
            try {
                Thread.sleep(config.pollTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
        partitionsCheckedAt = System.nanoTime();
    }

    private void flushWhenDue() {
        if (System.nanoTime() - flushedAt > FLUSH_INTERVAL.toNanos()) {
            finishWrite();
            store.flush();
            flushedAt = System.nanoTime();
        }
    }

    /**
     * Picks up partitions added to the topic. A cluster that does not answer in time (all its
     * brokers down for a while) stops nothing: the check is made again at the next interval.
     */
    private void refreshPartitionsWhenDue() {
        if (System.nanoTime() - partitionsCheckedAt > PARTITIONS_INTERVAL.toNanos()) {
            try {
                assignment.refresh();
            } catch (RetriableException e) {
                LOG.warn("cannot list the partitions of {} now ({}); trying again in {} s", config.topic(),
                        e.toString(), PARTITIONS_INTERVAL.toSeconds());
            }
            partitionsCheckedAt = System.nanoTime();
        }
    }

    /**
     * Polls while a batch is being written, until records arrive or the write is done: records
     * that arrive meanwhile are folded while it is written, not after it (the fetches of the other
     * partitions are often still on their way when the batch before is handed over).
     */
    private ConsumerRecords<byte[], byte[]> pollWhileWriting() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);
        while (records.isEmpty() && !writer.written() && !stopping) {
            records = consumer.poll(POLL_STEP_WHILE_WRITING);
        }
        return records;
    }

    /**
     * Folds and submits a poll that found the writer idle, with nothing to fold beside: a big one
     * (an eighth of the largest poll or more, as while catching up) is split in two by partition
     * ({@link PollHalves}), so that its first half is written while its second is folded.
     */
    private void submitFindingTheWriterIdle(ConsumerRecords<byte[], byte[]> records) {
        Optional<PollHalves> halves = PollHalves.of(records, config.maxPollRecords() / 8);
        if (halves.isEmpty()) {
            submit(records, records, false);
            return;
        }
        counters.addPollSplit();
        submit(halves.get().first(), records, false);
        submit(halves.get().second(), halves.get().second(), true);
    }

    /**
     * Folds {@code records} ({@link #fold}) and submits their batch, then holds back their
     * partitions while it is written.
     */
    private void submit(ConsumerRecords<byte[], byte[]> records, ConsumerRecords<byte[], byte[]> unwritten,
            boolean writing) {
        writer.submit(fold(records, unwritten, writing));
        pauseWhileWritten(records.partitions());
    }

    /**
     * Folds one poll and dead-letters what is refused; returns its batch, to be written, once the
     * batch before it is written. When that batch leaves the poll's hosts alone, the poll is
     * folded while it is written, and the rows over all hosts are worked out meanwhile too, but
     * for what that batch changes, worked out after it; otherwise the poll waits for it.
     * {@code unwritten}: the records not written yet, these included.
     */
    private FoldedPoll fold(ConsumerRecords<byte[], byte[]> records, ConsumerRecords<byte[], byte[]> unwritten,
            boolean writing) {
        try (PollFold fold = new PollFold(store, hostKeys, workers, admission, config.historyRetention())) {
            List<HostGroup> hosts = HostGroup.of(records, hostKeys);
            boolean beside = writing && writer.leavesAlone(HostGroup.keys(hosts));
            if (beside) {
                foldHosts(fold, records, hosts);
                fold.readAhead(writer.wwpnsInFlight());
                counters.addFoldedBesideWrite();
            }
            finishWrite();
            positions.update(unwritten, false);
            if (!beside) {
                foldHosts(fold, records, hosts);
            }
            return fold.finish();
        }
    }

    /**
     * Decodes and folds the poll's records, and works out the rows, host by host on the workers
     * (docs/design.md, "How the indexer applies a poll"); dead-letters what is refused, in log
     * order, before the poll's offsets can be written.
     */
    private void foldHosts(PollFold fold, ConsumerRecords<byte[], byte[]> records, List<HostGroup> hosts) {
        List<HostFolded> folded = workers.map(hosts, host -> foldHost(fold, host));
        fold.add(folded.stream().map(HostFolded::fold).toList());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            fold.consumed(partition.partition(), inPartition.get(inPartition.size() - 1).offset() + 1);
        }
        List<DeadLetters.Letter> letters = folded.stream().flatMap(host -> host.letters().stream())
                .sorted(Comparator.comparing((DeadLetters.Letter letter) -> letter.record().partition())
                        .thenComparing(letter -> letter.record().offset()))
                .toList();
        deadLetters.send(letters); // acknowledged before the offsets move past them
        counters.addDeadLetters(letters.size());
    }

    /** One host's share of a poll, folded and worked out, and its records that were refused. */
    private record HostFolded(PollFold.HostFold fold, List<DeadLetters.Letter> letters) {
    }

    /** Decodes and folds one host's records in log order, then works out its rows. On a worker. */
    private HostFolded foldHost(PollFold fold, HostGroup host) {
        PollFold.HostFold folding = fold.host(host.hostKey());
        List<DeadLetters.Letter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : host.records()) {
            RecordDecoder.Decoded event = decoder.decode(record);
            if (event == RecordDecoder.Decoded.TOMBSTONE) {
                continue;
            }
            event.refusal().or(() -> folding.apply(event.received().orElseThrow(), event.carried()))
                    .ifPresent(reason -> letters.add(new DeadLetters.Letter(record, reason)));
        }
        return new HostFolded(folding.work(), letters);
    }

    /**
     * Holds back the partitions of the batch now being written, unless they are all there are,
     * so that the next poll brings other partitions' records: hosts that batch leaves alone, whose
     * events can be folded while it is written. {@link #finishWrite()} lets them go.
     */
    private void pauseWhileWritten(Set<TopicPartition> written) {
        if (!written.containsAll(consumer.assignment())) {
            consumer.pause(written);
        }
    }

    /** Waits for the batch being written, if any, counts what it did and lets its partitions go. */
    private void finishWrite() {
        writer.awaitWritten().ifPresent(counters::add);
        Set<TopicPartition> paused = consumer.paused();
        if (!paused.isEmpty()) {
            consumer.resume(paused);
        }
    }

    /** Asks {@link #run()} to return soon; returns at once. Any thread. */
    public void shutdown() {
        stopping = true;
        consumer.wakeup();
    }

    /**
     * Stops {@link #run()} if it is running and waits for it to return, then closes the Kafka
     * clients and the database. Reads through {@link #reader()} fail afterwards.
     */
    @Override
    public void close() {
        shutdown();
        if (started.get()) {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the indexer to stop", e);
            }
        }
        try {
            consumer.close();
            deadLetters.close();
            workers.close();
        } finally {
            store.close();
        }
    }

    /** The store, for the benchmark's look at its compactions. */
    Store store() {
        return store;
    }

    /** The live counters, including the write volume the benchmark compares against. */
    Counters liveCounters() {
        return counters;
    }

    /** The digest of the current state (see {@link StateDigest}). */
    String digest() {
        try (Store.ReadView view = store.readView(true)) {
            return StateDigest.of(view);
        }
    }

    /** The digest of the current state, without the history (see {@link StateDigest#ofCurrentState}). */
    String currentStateDigest() {
        try (Store.ReadView view = store.readView(true)) {
            return StateDigest.ofCurrentState(view);
        }
    }
}
