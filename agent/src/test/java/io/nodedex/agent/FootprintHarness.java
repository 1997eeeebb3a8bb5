package io.nodedex.agent;

import io.nodedex.event.Event;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.TestDriverXml;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures the agent's footprint as it runs on a hypervisor: a child JVM ({@link AgentProcess})
 * reading a libvirt test host of 500 devices and the real {@code /sys}, publishing to an
 * embedded broker in this JVM. Reports the time from start to a published snapshot, the CPU
 * spent until then, resident memory ({@code VmRSS}, {@code VmHWM} of {@code /proc/PID/status})
 * and idle CPU ({@code utime + stime} of {@code /proc/PID/stat}) over an idle minute, and what a
 * warm re-snapshot of the same host costs.
 *
 * <pre>
 * ./mvnw -q -B -pl agent -am -Pfootprint verify -DskipTests
 * ./mvnw -q -B -pl agent -am -Pfootprint verify -DskipTests -Dfootprint.args='500 60 cds'
 * </pre>
 *
 * Arguments: devices (500), idle seconds (60), and {@code cds} to measure a second agent that
 * starts from an application class-data archive (AppCDS) recorded by a training run. The child
 * runs with {@link #JVM_FLAGS}; set {@code FOOTPRINT_JVM_FLAGS} to try others.
 */
public final class FootprintHarness {

    /** The flags we recommend for agents (the README's numbers). */
    static final List<String> JVM_FLAGS = List.of("-Xms8m", "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m");

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final EmbeddedKafkaBroker kafka;
    private final Path dir;
    private final String uri;
    private int runs;

    private FootprintHarness(EmbeddedKafkaBroker kafka, Path dir, String uri) {
        this.kafka = kafka;
        this.dir = dir;
        this.uri = uri;
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        boolean cds = args.length > 2 && args[2].equals("cds");
        Path dir = Files.createTempDirectory("nodedex-footprint");
        int hbas = devices / 10;
        String uri = TestDriverXml.write(dir.resolve("host.xml"), hbas, 3, devices - TestDriverXml.deviceCount(hbas, 3, 0));
        List<String> flags = System.getenv("FOOTPRINT_JVM_FLAGS") == null ? JVM_FLAGS
                : List.of(System.getenv("FOOTPRINT_JVM_FLAGS").trim().split("\\s+"));
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            warmUp(kafka); // a broker fresh from start is still compiling; a real one elsewhere is not
            FootprintHarness harness = new FootprintHarness(kafka, dir, uri);
            System.out.printf("host: %d libvirt devices + this machine's /sys%n", devices);
            String classPath = System.getProperty("java.class.path");
            harness.measure("plain", flags, classPath, idleSeconds);
            if (cds) {
                String jars = harness.jarsOnly(classPath); // CDS archives only classes from jars
                Path archive = dir.resolve("agent.jsa");
                harness.train(concat(flags, "-XX:ArchiveClassesAtExit=" + archive), jars);
                harness.measure("AppCDS", concat(flags, "-XX:SharedArchiveFile=" + archive), jars, idleSeconds);
            }
            System.out.printf("warm re-snapshot of the same host (request -> published, in this JVM): %s ms%n",
                    warmSnapshotMillis(uri));
        } finally {
            deleteTree(dir);
        }
    }

    /** Starts an agent, waits for its snapshot, watches it idle, stops it, prints what it cost. */
    private void measure(String name, List<String> flags, String classPath, int idleSeconds) throws Exception {
        Agent agent = launch(flags, classPath);
        try {
            ConsumerRecord<byte[], byte[]> snapshot = agent.awaitSnapshot();
            long consumedAt = System.currentTimeMillis();
            long consumedNanos = System.nanoTime();
            long cpuUntilSnapshot = cpuTicks(agent.pid());
            Map<String, Long> afterSnapshot = status(agent.pid());
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            long idleFrom = cpuTicks(agent.pid());
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds)); // the idle minute being measured
            long idleTicks = cpuTicks(agent.pid()) - idleFrom;
            Map<String, Long> afterIdle = status(agent.pid());

            int size = ((HostSnapshot) new EventCodec().decode(snapshot.value()).payload()).devices().size();
            System.out.printf("%n[%s] agent JVM flags: %s (MALLOC_ARENA_MAX=2)%n", name, String.join(" ", flags));
            System.out.printf("  snapshot: %d devices, %d bytes encoded%n", size, snapshot.serializedValueSize());
            System.out.printf("  Agent.start() -> snapshot sent (record CreateTime): %d ms%n",
                    snapshot.timestamp() - agent.startedAt);
            System.out.printf("  Agent.start() -> snapshot consumed from Kafka: %d ms%n", consumedAt - agent.startedAt);
            System.out.printf("  process launch -> snapshot consumed (JVM start included): %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(consumedNanos - agent.launchedNanos));
            System.out.printf("  CPU used by the agent until then: %d ms (user + system, all threads); load average %s%n",
                    cpuUntilSnapshot * 1000 / CLOCK_TICKS_PER_SECOND, load);
            System.out.printf("  resident after the snapshot: VmRSS %d MB (VmHWM %d MB)%n",
                    afterSnapshot.get("VmRSS") / 1024, afterSnapshot.get("VmHWM") / 1024);
            System.out.printf("  resident after %d s idle: VmRSS %d MB (VmHWM %d MB), %d threads%n", idleSeconds,
                    afterIdle.get("VmRSS") / 1024, afterIdle.get("VmHWM") / 1024, afterIdle.get("Threads"));
            System.out.printf("  idle CPU: %d ticks in %d s = %.3f%% of one core%n", idleTicks, idleSeconds,
                    100.0 * idleTicks / CLOCK_TICKS_PER_SECOND / idleSeconds);
        } finally {
            agent.stop();
        }
    }

    /** Runs an agent until its snapshot is out, so that it records its class-data archive on exit. */
    private void train(List<String> flags, String classPath) throws Exception {
        Agent agent = launch(flags, classPath);
        try {
            agent.awaitSnapshot();
        } finally {
            agent.stop();
        }
    }

    private Agent launch(List<String> flags, String classPath) throws IOException {
        String topic = "footprint-" + ++runs;
        EventTopics.named(topic).events().createWith(kafka::createTopic);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, AgentProcess.class.getName(), kafka.bootstrapServers(), topic, uri,
                dir.resolve("state").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve("agent-" + runs + ".log").toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        long launched = System.nanoTime();
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String started = out.readLine();
        if (started == null) {
            throw new IllegalStateException("the agent died: " + Files.readString(dir.resolve("agent-" + runs + ".log")));
        }
        return new Agent(process, launched, Long.parseLong(started.substring("started ".length())),
                consumer(kafka.bootstrapServers(), topic));
    }

    /** A running agent process and a consumer of its topic. */
    private record Agent(Process process, long launchedNanos, long startedAt, KafkaConsumer<byte[], byte[]> consumer) {

        long pid() {
            return process.pid();
        }

        ConsumerRecord<byte[], byte[]> awaitSnapshot() {
            EventCodec codec = new EventCodec();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(10))) {
                    Event event = codec.decode(record.value());
                    if (event.header().source() == Source.LIBVIRT && event.payload() instanceof HostSnapshot) {
                        return record;
                    }
                }
            }
            throw new IllegalStateException("no libvirt snapshot within 2 minutes");
        }

        void stop() throws InterruptedException {
            consumer.close();
            process.destroy(); // SIGTERM: a clean stop, which also writes a class-data archive
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Sends a few thousand records through a throw-away topic. */
    private static void warmUp(EmbeddedKafkaBroker kafka) {
        kafka.createTopic("warm-up", 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int i = 0; i < 5000; i++) {
                producer.send(new ProducerRecord<>("warm-up", new byte[] {(byte) i}, new byte[512]));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * How long a running libvirt source takes for a snapshot once warm (what a reconnect costs):
     * five requested snapshots after a first one, each timed from request to publication.
     */
    private static List<Long> warmSnapshotMillis(String uri) throws InterruptedException {
        BlockingQueue<Long> published = new LinkedBlockingQueue<>();
        List<Long> millis = new ArrayList<>();
        try (LibvirtSource source = new LibvirtSource(LibvirtSourceSettings.of(uri))) {
            source.start((origin, payload) -> published.add(System.nanoTime()));
            published.take();
            for (int i = 0; i < 5; i++) {
                long requested = System.nanoTime();
                source.requestSnapshot();
                millis.add(TimeUnit.NANOSECONDS.toMillis(published.take() - requested));
            }
        }
        return millis;
    }

    /** The class path with every directory packed into a jar of its own. */
    private String jarsOnly(String classPath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("classes-" + entries.size() + ".jar");
                pack(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path directory, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(directory.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    /** The kB and count fields of /proc/PID/status (VmRSS, VmHWM, Threads, ...). */
    private static Map<String, Long> status(long pid) throws IOException {
        Map<String, Long> fields = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && parts[1].matches("\\d+( kB)?")) {
                fields.put(parts[0], Long.parseLong(parts[1].replace(" kB", "")));
            }
        }
        return fields;
    }

    /** utime + stime of /proc/PID/stat, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat(5)
    }

    private static List<String> concat(List<String> flags, String flag) {
        List<String> all = new ArrayList<>(flags);
        all.add(flag);
        return all;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
