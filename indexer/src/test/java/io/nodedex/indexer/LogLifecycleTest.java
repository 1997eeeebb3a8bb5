package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.HostRetirement;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.ChurningFleet;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log lives for years (docs/design.md, "The log grows with the fleet"): on a compacted topic
 * whose old segments are cleaned while the fleet churns, a replica started from nothing reaches
 * the state of one that has run since the beginning, also after a host is retired; and a replica
 * whose positions fell out of the log re-bootstraps instead of missing records.
 */
class LogLifecycleTest {

    /** Segments close after 100 ms and are cleaned at once; tombstones go after 100 ms. */
    private static final Map<String, String> EAGER_COMPACTION = Map.of("segment.ms", "100",
            "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100", "min.compaction.lag.ms", "0");
    private static final int ROUNDS = 4;

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    Path directory;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static EventTopics compacted(String name) {
        EventTopics topics = EventTopics.named(name).withEventConfigs(EAGER_COMPACTION);
        topics.createWith(kafka::createTopic);
        return topics;
    }

    private IndexerConfig replica(EventTopics topics, String name) {
        return IndexerConfig.of(kafka.bootstrapServers(), directory.resolve(name)).withTopics(topics)
                .withPollTimeout(Duration.ofMillis(50));
    }

    /** The same fleet churning {@code ROUNDS} times, each round a later stretch of every host's life. */
    private static List<List<List<Event>>> rounds() {
        List<List<Event>> streams = ChurningFleet.streams(12, 8 * ROUNDS, 31);
        List<List<List<Event>>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int from = round == 0 ? 0 : 1 + 8 * round;
            int to = 1 + 8 * (round + 1);
            List<List<Event>> slice = new ArrayList<>();
            for (List<Event> stream : streams) {
                slice.add(stream.subList(from, Math.min(to, stream.size())));
            }
            rounds.add(slice);
        }
        return rounds;
    }

    @Test
    void aReplicaStartedFromNothingAfterCompactionReachesTheLongLivedReplicasState() throws Exception {
        EventTopics topics = compacted("lifecycle");
        List<List<Event>> all = ChurningFleet.streams(12, 8 * ROUNDS, 31);
        long published = 0;
        try (KafkaLog log = new KafkaLog(kafka.bootstrapServers());
                RunningIndexer longLived = RunningIndexer.start(replica(topics, "long-lived"))) {
            for (List<List<Event>> round : rounds()) {
                Map<Integer, Long> ends = log.publishAsAgents(topics.events().name(), round);
                KafkaLog.awaitApplied(longLived.reader(), ends);
                published = ends.values().stream().mapToLong(Long::longValue).sum();
            }
            long total = published;
            KafkaLog.await("compaction to drop superseded records", () -> {
                rollSegments(log, topics);
                return recordsIn(topics) < total * 2 / 3;
            });

            try (RunningIndexer fresh = RunningIndexer.start(replica(topics, "fresh"))) {
                awaitCaughtUp(fresh);
                assertThat(longLived.currentStateDigest()).as("the long-lived replica").isEqualTo(Logs.referenceDigest(Logs.ordered(all)));
                assertThat(fresh.currentStateDigest()).as("the fresh replica").isEqualTo(longLived.currentStateDigest());
            }

            String retired = "host-005";
            retire(topics, retired);
            KafkaLog.awaitApplied(longLived.reader(), endOffsets(topics));
            assertThat(longLived.reader().host(retired)).isEmpty();
            KafkaLog.await("compaction to drop the retired host's records", () -> {
                rollSegments(log, topics);
                return !hostsIn(topics).containsKey(retired + "/LIBVIRT");
            });

            try (RunningIndexer afterRetirement = RunningIndexer.start(replica(topics, "after-retirement"))) {
                awaitCaughtUp(afterRetirement);
                List<List<Event>> others = all.stream()
                        .filter(stream -> !stream.get(0).header().hostId().equals(retired)).toList();
                assertThat(afterRetirement.currentStateDigest()).isEqualTo(longLived.currentStateDigest())
                        .isEqualTo(Logs.referenceDigest(Logs.ordered(others)));
            }
        }
    }

    @Test
    void aReplicaWhosePositionsFellBelowTheLogStartReBootstrapsAndEndsWithTheRightState() throws Exception {
        // records can only be deleted from the start of a topic that also has a delete policy
        EventTopics topics = EventTopics.named("deleted-under-a-replica")
                .withEventConfigs(Map.of("cleanup.policy", "compact,delete"));
        topics.createWith(kafka::createTopic);
        List<List<Event>> first = ChurningFleet.streams(6, 6, 7);
        try (KafkaLog log = new KafkaLog(kafka.bootstrapServers())) {
            try (RunningIndexer stopped = RunningIndexer.start(replica(topics, "lagging"))) {
                KafkaLog.awaitApplied(stopped.reader(), log.publishAsAgents(topics.events().name(), first));
            }
            // while the replica is down, records it never applied are published, then deleted
            List<List<Event>> later = ChurningFleet.streams(6, 6, 8);
            log.publishAsAgents(topics.events().name(), later.stream().map(s -> s.subList(1, s.size())).toList());
            deleteEverythingBeforeTheEnd(topics);
            List<Event> resent = later.stream().map(stream -> stream.get(0)).toList();
            Map<Integer, Long> ends = log.publishAsAgents(topics.events().name(),
                    resent.stream().map(List::of).toList());

            try (RunningIndexer lagging = RunningIndexer.start(replica(topics, "lagging"));
                    RunningIndexer fresh = RunningIndexer.start(replica(topics, "fresh"))) {
                KafkaLog.awaitApplied(lagging.reader(), ends);
                KafkaLog.awaitApplied(fresh.reader(), ends);
                assertThat(lagging.reader().counters().rebootstraps()).isEqualTo(1);
                assertThat(fresh.reader().counters().rebootstraps()).isZero();
                assertThat(lagging.currentStateDigest()).isEqualTo(fresh.currentStateDigest())
                        .isEqualTo(Logs.referenceDigest(resent));
            }
        }
    }

    /**
     * Closes every partition's active segment, which compaction never touches, by appending a
     * record once the segment is older than its 100 ms: a tombstone for a key no host has, which
     * changes no state.
     */
    private static void rollSegments(KafkaLog log, EventTopics topics) {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        for (int partition = 0; partition < topics.events().partitions(); partition++) {
            log.publishRaw(topics.events().name(), partition, EventKey.device("segment-roller", Source.UDEV,
                    "partition-" + partition), null);
        }
    }

    @Test
    void anIdleFleetsTopicStaysTheSizeOfOneRoundHoweverLongItSits() throws Exception {
        EventTopics topics = compacted("idle");
        List<Events> sources = new ArrayList<>();
        for (int host = 0; host < 20; host++) {
            for (Source source : Source.values()) {
                sources.add(new Events(String.format("idle-%02d", host), source, 1));
            }
        }
        try (KafkaLog log = new KafkaLog(kafka.bootstrapServers())) {
            log.publishAsAgents(topics.events().name(), idleRound(sources));
            long oneRound = bytesOf(topics);
            Map<Integer, Long> ends = Map.of();
            for (int round = 1; round < 30; round++) { // 30 re-sends: 15 days at one every 12 hours
                ends = log.publishAsAgents(topics.events().name(), idleRound(sources));
            }
            // every round was written (compaction may already have begun meanwhile)
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum())
                    .isGreaterThanOrEqualTo(30L * 2 * sources.size());

            KafkaLog.await(() -> "the topic to shrink to about one round (" + oneRound + " bytes), now "
                    + bytesOf(topics), () -> {
                rollSegments(log, topics);
                return bytesOf(topics) <= 3 * oneRound;
            });
        }
    }

    /** Every source re-sends its unchanged snapshot, then a heartbeat. */
    private static List<List<Event>> idleRound(List<Events> sources) {
        return sources.stream().map(events -> List.of(events.snapshot(Devices.pci("pci_0000_05_00_0"),
                Devices.liveHba("scsi_host1", 0x2000_0000_0000_0001L, 0x1000_0000_0000_0001L,
                        0x1000_0005_1e9a_0001L, "Online", 255, 3)), events.heartbeat())).toList();
    }

    /** The bytes the topic's partitions hold on the broker's disk. */
    private static long bytesOf(EventTopics topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
            return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().equals(topics.events().name()))
                    .mapToLong(replica -> replica.getValue().size()).sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read the topic's size", e);
        }
    }

    private static void awaitCaughtUp(RunningIndexer replica) {
        KafkaLog.await("the replica to catch up", () -> replica.reader().ingestStatus().caughtUp());
    }

    private static void retire(EventTopics topics, String hostId) throws InterruptedException {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(producer, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            HostRetirement.Outcome outcome = new HostRetirement(reader, writer, topics.events().name(),
                    Clock.systemUTC(), Optional.empty()).retire(hostId);
            assertThat(outcome.tombstones()).as("the host's device and snapshot keys").isPositive();
        }
    }

    /** Records now in the topic, after whatever compaction has done. */
    private static long recordsIn(EventTopics topics) {
        return readAll(topics).size();
    }

    /** Per "host/source" prefix of the keys now in the topic, how many records. */
    private static Map<String, Long> hostsIn(EventTopics topics) {
        return readAll(topics).stream().map(key -> {
            String[] parts = new String(key, java.nio.charset.StandardCharsets.UTF_8).split("\0");
            return parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0];
        }).collect(Collectors.groupingBy(prefix -> prefix, Collectors.counting()));
    }

    private static List<byte[]> readAll(EventTopics topics) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<byte[]> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> keys.add(record.key()));
            }
        }
        return keys;
    }

    private static List<TopicPartition> partitions(EventTopics topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < topics.events().partitions(); partition++) {
            partitions.add(new TopicPartition(topics.events().name(), partition));
        }
        return partitions;
    }

    private static Map<Integer, Long> endOffsets(EventTopics topics) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions(topics)).forEach((partition, end) -> ends.put(partition.partition(), end));
            return ends;
        }
    }

    private static void deleteEverythingBeforeTheEnd(EventTopics topics) throws Exception {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        endOffsets(topics).forEach((partition, end) -> deletions.put(
                new TopicPartition(topics.events().name(), partition), RecordsToDelete.beforeOffset(end)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.deleteRecords(deletions).all().get();
        }
    }
}
