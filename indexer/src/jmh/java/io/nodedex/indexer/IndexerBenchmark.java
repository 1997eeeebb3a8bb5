package io.nodedex.indexer;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The indexer's throughput against its floors, measured in one run on one machine: a bare
 * consumer reading the same topic without decoding; bare RocksDB writing the indexer's own
 * batches, handed over row by row and serialized ({@link SameRows}); and bare RocksDB writing as
 * many synthetic rows of the same average size into one table in as many batches (cheaper to
 * write than the real rows, which spread over every table). Also the rebuild time and the on-disk
 * size per device.
 *
 * <pre>
 * ./mvnw -q -B -pl indexer -am -Pbench verify -DskipTests -Djmh.skip=true -Dbench.args='--hosts 1000'
 * </pre>
 *
 * Options: {@code --hosts N} (default 10000), {@code --churn N} events per host after the
 * snapshots (default 10), {@code --partitions N} (default 12), {@code --signed} (every host
 * enrolled and every record signed by its host's key, the indexer checking signatures as a
 * replica given {@code --admin-public-key} does), {@code --rebuilds N} (rebuild the replica N
 * times, each right after measuring the two same-rows baselines again, and report the medians
 * of the three, of an even count the slower of the middle two; default 1),
 * {@code --idle-rounds N} (afterwards, the topic's bytes while the fleet sits idle for N re-send
 * rounds: {@link IdleTopicSize}; default 0),
 * {@code --max-poll-records N} (the indexer's records per poll; default
 * {@link IndexerConfig#DEFAULT_MAX_POLL_RECORDS}).
 */
public final class IndexerBenchmark {

    private static final String TOPIC = "bench.events";
    private static final String WARM_UP_TOPIC = "bench.warmup";
    /** Rebuilds of the warm-up log after its first pass: the JIT is still at work after one. */
    private static final int WARM_UP_REBUILDS = 4;
    private static final int WARM_UP_HOSTS = 1000;

    private IndexerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = option(args, "--hosts", 10_000);
        int churn = option(args, "--churn", 10);
        int partitions = option(args, "--partitions", 12);
        Optional<SigningKey> signed = List.of(args).contains("--signed") ? Optional.of(SigningKey.generate())
                : Optional.empty();
        Path work = Files.createTempDirectory("nodedex-bench");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            EventTopics topics = EventTopics.named(TOPIC).withEventPartitions(partitions);
            topics.createWith(kafka::createTopic);
            warmUp(kafka, partitions, work, signed);
            System.out.printf("log: %d hosts, ~100 devices each, %d churn events per host, %d partitions%s%n",
                    hosts, churn, partitions, signed.isPresent() ? ", signed" : "");
            long started = System.nanoTime();
            long[] published = publish(kafka.bootstrapServers(), TOPIC, new BenchmarkLog(hosts, churn), signed);
            long events = published[0];
            System.out.printf("published %,d events (%,d MB encoded) in %.1f s%n", events, published[1] >> 20,
                    seconds(started));

            double consumer = bareConsumer(kafka.bootstrapServers(), TOPIC, partitions, events);
            IndexerConfig config = checking(IndexerConfig.of(kafka.bootstrapServers(), work.resolve("indexer"))
                    .withTopics(topics), signed).withMaxPollRecords(option(args, "--max-poll-records",
                    IndexerConfig.DEFAULT_MAX_POLL_RECORDS));
            Run indexer = runIndexer(config, events);
            double rocksDb = bareRocksDb(work.resolve("bare"), indexer.rows, indexer.bytes, indexer.batches, events);
            List<double[]> baselines = new ArrayList<>();
            List<Run> rebuilds = new ArrayList<>();
            int rounds = Math.max(1, option(args, "--rebuilds", 1));
            for (int round = 0; round < rounds; round++) {
                // each rebuild right after its own baselines: the machine's speed drifts between runs
                double[] same = sameRows(config, work, events, round == 0);
                Run rebuilt = runIndexer(config.withRebuild(true), events);
                baselines.add(same);
                rebuilds.add(rebuilt);
                System.out.printf("round %d of %d: rebuild/same rows %.2f; %.2f against the same serialized%n",
                        round + 1, rounds, same[0] / rebuilt.seconds, same[1] / rebuilt.seconds);
            }
            double sameRows = events / median(baselines.stream().map(same -> same[0]).toList());
            double serialized = events / median(baselines.stream().map(same -> same[1]).toList());
            Run rebuild = rebuilds.stream().sorted(Comparator.comparingDouble(Run::seconds)).toList()
                    .get(rebuilds.size() / 2);
            long devices = countDevices(config.dataDirectory());
            long asWritten = directorySize(config.dataDirectory());
            long compacted = compact(config.dataDirectory());

            System.out.println();
            double megabytes = published[1] / 1e6;
            System.out.printf("bare consumer      %,12.0f events/s  %,6.0f MB/s%n", consumer,
                    megabytes * consumer / events);
            System.out.printf("bare RocksDB       %,12.0f events/s equivalent (%,d rows, %,d MB, %,d batches)%n",
                    rocksDb, indexer.rows, indexer.bytes >> 20, indexer.batches);
            String ofRounds = rounds > 1 ? ", the median of " + rounds : "";
            System.out.printf("bare RocksDB, same %,12.0f events/s equivalent (the indexer's own batches, row for"
                    + " row%s)%n", sameRows, ofRounds);
            System.out.printf("  and serialized   %,12.0f events/s equivalent (the same, handed over serialized as the"
                    + " indexer does%s)%n", serialized, ofRounds);
            System.out.printf("indexer            %,12.0f events/s  %,6.0f MB/s  %,.0f devices/s (%.1f s)%n",
                    indexer.rate(), megabytes / indexer.seconds, devices / indexer.seconds, indexer.seconds);
            System.out.printf("indexer/consumer   %12.2f  (goal: within 4x, i.e. >= 0.25)%n", indexer.rate() / consumer);
            System.out.printf("indexer/RocksDB    %12.2f  (synthetic rows)%n", indexer.rate() / rocksDb);
            System.out.printf("indexer/same rows  %12.2f  (goal: at least 0.8); %.2f against the same serialized%n",
                    indexer.rate() / sameRows, indexer.rate() / serialized);
            System.out.printf("rebuild            %12.1f s (%,.0f events/s%s)%n", rebuild.seconds, rebuild.rate(),
                    rebuilds.size() > 1 ? ", the median of " + rebuilds.size() : "");
            System.out.printf("rebuild/same rows  %12.2f; %.2f against the same serialized%n", rebuild.rate() / sameRows,
                    rebuild.rate() / serialized);
            System.out.printf("on disk            %,d devices: %,d bytes/device as written, %,d after compaction%n",
                    devices, asWritten / Math.max(1, devices), compacted / Math.max(1, devices));
            int idleRounds = option(args, "--idle-rounds", 0);
            if (idleRounds > 0) {
                IdleTopicSize.measure(kafka, hosts, idleRounds, partitions);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Runs every measured path once on a smaller log of its own, so that the measurements see
     * compiled code (the JIT needs a few seconds per path on a small machine).
     */
    private static void warmUp(EmbeddedKafkaBroker kafka, int partitions, Path work, Optional<SigningKey> signed)
            throws InterruptedException {
        EventTopics topics = EventTopics.named(WARM_UP_TOPIC).withEventPartitions(partitions);
        topics.createWith(kafka::createTopic);
        long started = System.nanoTime();
        long events = publish(kafka.bootstrapServers(), WARM_UP_TOPIC, new BenchmarkLog(WARM_UP_HOSTS, 10), signed)[0];
        bareConsumer(kafka.bootstrapServers(), WARM_UP_TOPIC, partitions, events);
        IndexerConfig config = checking(IndexerConfig.of(kafka.bootstrapServers(), work.resolve("warm-up"))
                .withTopics(topics), signed);
        runIndexer(config, events);
        for (int round = 0; round < WARM_UP_REBUILDS; round++) {
            runIndexer(config.withRebuild(true), events);
        }
        System.out.printf("warmed up on %,d hosts in %.1f s%n%n", WARM_UP_HOSTS, seconds(started));
    }

    /** The config checking signatures against {@code admin}'s key, when the log is signed. */
    private static IndexerConfig checking(IndexerConfig config, Optional<SigningKey> admin) {
        return admin.map(key -> config.withAdminKey(key.publicKey())).orElse(config);
    }

    /**
     * Generates and publishes the log; returns {events, encoded bytes}. When {@code admin} is
     * given, each host is enrolled (its key signed by {@code admin}) before its first event, and
     * every record is signed by its host's key.
     */
    private static long[] publish(String bootstrapServers, String topic, BenchmarkLog log, Optional<SigningKey> admin) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 << 10));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        EventCodec codec = new EventCodec();
        long[] totals = new long[2];
        Map<String, SigningKey> hostKeys = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            int partitions = producer.partitionsFor(topic).size();
            Consumer<Event> send = event -> {
                byte[] value = codec.encode(event);
                byte[] key = EventKey.of(event);
                Headers headers = admin.map(adminKey -> RecordSignatures.sign(
                        Admission.isAdministrative(event.payload()) ? adminKey
                                : hostKeys.get(event.header().hostId()), key, value))
                        .orElseGet(RecordHeaders::new);
                producer.send(new ProducerRecord<>(topic, EventKey.partition(event.header().hostId(), partitions),
                        null, key, value, headers), (metadata, failure) -> {
                    if (failure != null) {
                        throw new IllegalStateException("publishing failed", failure);
                    }
                });
                totals[0]++;
                totals[1] += value.length;
            };
            log.generate(event -> {
                String host = event.header().hostId();
                if (admin.isPresent() && !hostKeys.containsKey(host)) {
                    SigningKey key = SigningKey.generate();
                    hostKeys.put(host, key);
                    Instant now = Instant.now();
                    send.accept(new Event(new EventHeader(host, now.toEpochMilli(), 0, Source.LIBVIRT, now),
                            new HostEnrolled(key.publicKey())));
                }
                send.accept(event);
            });
            producer.flush();
        }
        return totals;
    }

    /** Reads the whole topic as the indexer's consumer would, without decoding: events/s. */
    private static double bareConsumer(String bootstrapServers, String topic, int partitions, long events) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        IndexerClients.tuneConsumer(properties, IndexerConfig.of(bootstrapServers, Path.of(".")));
        collectGarbage();
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> all = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                all.add(new TopicPartition(topic, partition));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long read = 0;
            long bytes = 0;
            while (read < events) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.value().length;
                    read++;
                }
            }
            double seconds = seconds(started);
            System.out.printf("bare consumer: %,d events (%,d MB) in %.1f s%n", read, bytes >> 20, seconds);
            return read / seconds;
        }
    }

    private record Run(double seconds, long events, long rows, long bytes, long batches) {
        double rate() {
            return events / seconds;
        }
    }

    private static Run runIndexer(IndexerConfig config, long events) throws InterruptedException {
        collectGarbage();
        long cpu = processCpuNanos();
        ThreadTimes before = ThreadTimes.now();
        long gc = gcMillis();
        long started = System.nanoTime();
        try (Indexer indexer = Indexer.open(config)) {
            Thread thread = new Thread(indexer, "indexer");
            thread.start();
            while (applied(indexer) < events) {
                Thread.sleep(5);
            }
            double seconds = seconds(started);
            ThreadTimes after = ThreadTimes.now();
            Counters counters = indexer.liveCounters();
            long[] own = indexerThreadsCpuNanos(thread);
            System.out.printf("indexer%s: %,d events in %.1f s, %.1f s of CPU, %.1f s of it on its own threads"
                    + " (applying %.1f, workers %.1f, writer %.1f), %.1f s of that in the kernel (%,d rows, %,d batches,"
                    + " %,d of them folded while the one before was written), %.1f s of garbage-collection pauses,"
                    + " %.1f s of CPU on RocksDB's background threads%n"
                    + "  waited for a core: the writer %.1f s, the workers %.1f s, the applying thread %.1f s, RocksDB's"
                    + " background threads %.1f s%n",
                    config.rebuild() ? " rebuild" : "", events, seconds, (processCpuNanos() - cpu) / 1e9,
                    own[0] / 1e9, own[2] / 1e9, own[3] / 1e9, own[4] / 1e9, (own[0] - own[1]) / 1e9,
                    counters.rowsWritten(), counters.batches(), counters.foldedBesideWrite(),
                    (gcMillis() - gc) / 1e3, after.cpuNanosSince(before, IndexerBenchmark::rocksDbBackground) / 1e9,
                    after.waitNanosSince(before, name -> name.equals("nodedex-indexer-writer")) / 1e9,
                    after.waitNanosSince(before, name -> name.startsWith("nodedex-indexer-worker")) / 1e9,
                    after.waitNanosSince(before, thread.getName()::equals) / 1e9,
                    after.waitNanosSince(before, IndexerBenchmark::rocksDbBackground) / 1e9);
            long level0 = indexer.store().mostLevel0Files();
            long caughtUp = System.nanoTime();
            while (indexer.store().compactionsDeferred() || indexer.store().compacting()) {
                Thread.sleep(20);
            }
            System.out.printf("  then compacted what it deferred while catching up (level 0 of the fullest table: %d"
                    + " files) in %.1f s, in the background%n", level0, seconds(caughtUp));
            return new Run(seconds, events, counters.rowsWritten(), counters.bytesWritten(), counters.batches());
        }
    }

    private static long applied(Indexer indexer) {
        return indexer.reader().ingestStatus().positions().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Writes as many rows of the same average size in as many batches, into a store opened as
     * the indexer opens it (no write-ahead log, atomic flushes, same table options, compactions
     * deferred as while it catches up), values cut from real stored devices so
     * they compress alike, keys (host key, name) as the indexer's: events/s equivalent.
     */
    private static double bareRocksDb(Path directory, long rows, long bytes, long batches, long events) {
        int valueSize = (int) Math.max(1, bytes / Math.max(1, rows) - 32);
        long rowsPerBatch = Math.max(1, rows / Math.max(1, batches));
        byte[] sample = StoredValues.device(BenchmarkLog.sampleDevice());
        byte[] value = new byte[valueSize];
        for (int i = 0; i < valueSize; i++) {
            value[i] = sample[i % sample.length];
        }
        Random random = new Random(1);
        collectGarbage();
        long started = System.nanoTime();
        try (Store store = Store.open(directory, false)) {
            long written = 0;
            while (written < rows) {
                try (WriteBatch batch = new WriteBatch()) {
                    long hostKey = random.nextLong();
                    for (long i = 0; i < rowsPerBatch && written < rows; i++, written++) {
                        if (i % 100 == 0) {
                            hostKey = random.nextLong();
                        }
                        batch.put(store.handle(Table.DEVICES), Keys.device(hostKey, "device_" + i), value);
                    }
                    store.write(batch);
                } catch (RocksDBException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        double seconds = seconds(started);
        System.out.printf("bare RocksDB: %,d rows of %d bytes in %,d batches in %.1f s%n", rows, valueSize + 24,
                batches, seconds);
        return events / seconds;
    }

    /**
     * Bare RocksDB writing the indexer's own batches ({@link SameRows}), worked out beforehand in a
     * scratch store, handed over row by row and then serialized: seconds, both. The batches are
     * let go before returning, so that they weigh on nothing measured after.
     */
    private static double[] sameRows(IndexerConfig config, Path work, long events, boolean printTables) {
        List<List<Row>> batches = SameRows.batchesOf(config, work.resolve("same-rows-folded"), events);
        long rows = batches.stream().mapToLong(List::size).sum();
        if (printTables) {
            System.out.printf("the indexer's batches: %,d rows in %,d batches%n", rows, batches.size());
            printTables(batches);
        }
        deleteRecursively(work.resolve("same-rows-folded"));
        double[] seconds = new double[2];
        for (SameRows.Handing handing : SameRows.Handing.values()) {
            seconds[handing.ordinal()] = SameRows.write(batches, work.resolve("same-rows"), handing);
            deleteRecursively(work.resolve("same-rows"));
        }
        return seconds;
    }

    /** The median of {@code values}; of an even count, the larger of the middle two (the slower, for times). */
    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** Rows and bytes (keys and values) per table, largest first. */
    private static void printTables(List<List<Row>> batches) {
        Map<Table, long[]> tables = new EnumMap<>(Table.class);
        for (List<Row> batch : batches) {
            for (Row row : batch) {
                long[] counts = tables.computeIfAbsent(row.table(), table -> new long[3]);
                counts[row.delete() ? 1 : 0]++;
                counts[2] += row.key().length + row.value().length;
            }
        }
        tables.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Table, long[]> entry) -> entry.getValue()[2]).reversed())
                .forEach(entry -> System.out.printf("  %-18s %,11d puts %,9d deletes %,7d MB%n",
                        entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue()[0], entry.getValue()[1],
                        entry.getValue()[2] >> 20));
    }

    private static long countDevices(Path dataDirectory) {
        AtomicLong devices = new AtomicLong();
        try (Store store = Store.openReadOnly(dataDirectory); Store.ReadView view = store.readView(true)) {
            view.scanAll(Table.DEVICES, (key, value) -> devices.incrementAndGet());
        }
        return devices.get();
    }

    /** Compacts every column family fully and returns the directory size afterwards. */
    private static long compact(Path dataDirectory) throws Exception {
        List<byte[]> names = RocksDB.listColumnFamilies(new Options(), dataDirectory.toString());
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (byte[] name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
                RocksDB db = RocksDB.open(options, dataDirectory.toString(), descriptors, handles)) {
            for (ColumnFamilyHandle handle : handles) {
                db.compactRange(handle);
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
        return directorySize(dataDirectory);
    }

    private static long directorySize(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Collects the garbage of the steps before (generating and publishing the log, the runs
     * before), so that every measured run starts from a collected heap: the broker shares this
     * JVM, and a first run that inherited the publisher's garbage paid for it in longer pauses.
     */
    static void collectGarbage() {
        System.gc();
    }

    /**
     * The CPU time of the indexer's own threads (the applying thread, its workers and its writer),
     * the user-mode share of it, and each kind's: {total, user, applying, workers, writer}. Kernel
     * time is mostly page faults, which a virtual machine makes dear the first time its memory is
     * used.
     */
    private static long[] indexerThreadsCpuNanos(Thread applying) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long applyingNanos = threads.getThreadCpuTime(applying.getId());
        long[] nanos = {applyingNanos, threads.getThreadUserTime(applying.getId()), applyingNanos, 0, 0};
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("nodedex-indexer-")) {
                long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                nanos[0] += cpu;
                nanos[1] += Math.max(0, threads.getThreadUserTime(info.getThreadId()));
                nanos[info.getThreadName().startsWith("nodedex-indexer-worker") ? 3 : 4] += cpu;
            }
        }
        return nanos;
    }

    /** The time the garbage collectors have paused the process so far, in milliseconds. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(time -> time > 0).sum();
    }

    /** The CPU time the calling thread has used so far. */
    static long currentThreadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** RocksDB's background threads (flushes and compactions; native threads the JVM does not see). */
    static boolean rocksDbBackground(String threadName) {
        return threadName.startsWith("rocksdb:");
    }

    /** The CPU time this process (the broker included) has used so far. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
