package io.nodedex.agent.bench;

import io.nodedex.agent.libvirt.HostFiles;
import io.nodedex.event.Event;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
 * embedded broker in this JVM. Reports the time from start to a published snapshot, resident
 * memory ({@code VmRSS}, {@code VmHWM} of {@code /proc/PID/status}) and idle CPU
 * ({@code utime + stime} of {@code /proc/PID/stat}) over an idle minute.
 *
 * <pre>
 * ./mvnw -q -B -pl agent -am -Pfootprint verify -DskipTests
 * ./mvnw -q -B -pl agent -am -Pfootprint verify -DskipTests -Dfootprint.args='500 60'   # devices, idle seconds
 * </pre>
 *
 * The child runs with {@link #JVM_FLAGS}; set {@code FOOTPRINT_JVM_FLAGS} to try others.
 */
public final class FootprintHarness {

    /** The flags we recommend for agents (the README's numbers). */
    static final List<String> JVM_FLAGS = List.of("-Xms8m", "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m");

    private static final String TOPIC = "nodedex.events";
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private FootprintHarness() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("nodedex-footprint");
        int hbas = devices / 10;
        int nics = devices - HostFiles.deviceCount(hbas, 3, 0);
        String uri = HostFiles.write(dir.resolve("host.xml"), hbas, 3, nics);
        List<String> flags = System.getenv("FOOTPRINT_JVM_FLAGS") == null ? JVM_FLAGS
                : List.of(System.getenv("FOOTPRINT_JVM_FLAGS").trim().split("\\s+"));

        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            kafka.createTopic(TOPIC, 3);
            warmUp(kafka); // a broker fresh from start is still compiling; a real one elsewhere is not
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(flags);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentProcess.class.getName(),
                    kafka.bootstrapServers(), TOPIC, uri, dir.resolve("state").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("agent.log").toFile());
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            long launched = System.nanoTime();
            Process agent = builder.start();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka.bootstrapServers());
                 BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                         StandardCharsets.UTF_8))) {
                long startedAt = Long.parseLong(out.readLine().substring("started ".length()));
                ConsumerRecord<byte[], byte[]> snapshot = awaitLibvirtSnapshot(consumer);
                long consumed = System.nanoTime();
                long consumedAt = System.currentTimeMillis();
                long cpuUntilSnapshot = cpuTicks(agent.pid());
                Event event = new EventCodec().decode(snapshot.value());
                int snapshotDevices = ((HostSnapshot) event.payload()).devices().size();
                Map<String, Long> afterSnapshot = status(agent.pid());

                long cpuBefore = cpuTicks(agent.pid());
                long idleStart = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds)); // the idle minute being measured
                long cpuAfter = cpuTicks(agent.pid());
                double idleWall = (System.nanoTime() - idleStart) / 1e9;
                Map<String, Long> afterIdle = status(agent.pid());

                System.out.printf("agent JVM flags: %s (MALLOC_ARENA_MAX=2)%n", String.join(" ", flags));
                System.out.printf("host: %d libvirt devices (%d in the snapshot, %d bytes encoded) + /sys%n",
                        devices, snapshotDevices, snapshot.serializedValueSize());
                System.out.printf("Agent.start() -> snapshot sent (record CreateTime): %d ms%n",
                        snapshot.timestamp() - startedAt);
                System.out.printf("Agent.start() -> snapshot consumed from Kafka:     %d ms%n", consumedAt - startedAt);
                System.out.printf("process launch -> snapshot consumed (with JVM start): %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(consumed - launched));
                System.out.printf("CPU used by the agent until then: %d ms (user + system, all threads)%n",
                        cpuUntilSnapshot * 1000 / CLOCK_TICKS_PER_SECOND);
                System.out.printf("machine load average (1 min) meanwhile: %s%n",
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                System.out.printf("resident after snapshot: VmRSS %d MB, VmHWM %d MB%n",
                        afterSnapshot.get("VmRSS") / 1024, afterSnapshot.get("VmHWM") / 1024);
                System.out.printf("resident after %.0f s idle: VmRSS %d MB, VmHWM %d MB, threads %d%n", idleWall,
                        afterIdle.get("VmRSS") / 1024, afterIdle.get("VmHWM") / 1024, afterIdle.get("Threads"));
                System.out.printf("idle CPU: %d ticks in %.0f s = %.3f%% of one core%n", cpuAfter - cpuBefore, idleWall,
                        100.0 * (cpuAfter - cpuBefore) / CLOCK_TICKS_PER_SECOND / idleWall);
            } finally {
                agent.destroy();
                agent.waitFor(30, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Sends and reads a few thousand records through a throw-away topic. */
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

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static ConsumerRecord<byte[], byte[]> awaitLibvirtSnapshot(KafkaConsumer<byte[], byte[]> consumer) {
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

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
