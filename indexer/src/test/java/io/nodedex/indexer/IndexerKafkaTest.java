package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.kafka.DeadLetterHeaders;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.ChurningFleet;
import io.nodedex.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The indexer on a real KRaft broker and a real RocksDB. */
class IndexerKafkaTest {

    private static EmbeddedKafkaBroker kafka;
    private static KafkaLog log;
    private static List<List<Event>> fleet;
    private static String fleetDigest;

    @TempDir
    Path directory;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start();
        log = new KafkaLog(kafka.bootstrapServers());
        fleet = ChurningFleet.streams(50, 12, 2024);
        fleetDigest = Logs.referenceDigest(Logs.ordered(fleet));
    }

    @AfterAll
    static void stopBroker() {
        log.close();
        kafka.close();
    }

    /** Creates the topics and returns the config of an indexer reading them. */
    private IndexerConfig config(EventTopics topics) {
        topics.createWith(kafka::createTopic);
        return IndexerConfig.of(kafka.bootstrapServers(), directory.resolve("db"))
                .withTopics(topics)
                .withPollTimeout(java.time.Duration.ofMillis(100))
                .withMaxPollRecords(200);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 12})
    void fiftyHostsInAnyInterleavingWithDuplicatesAndRestartsGiveTheStateOfOneOrderedPass(int partitions)
            throws Exception {
        IndexerConfig config = config(EventTopics.named("fleet-" + partitions).withEventPartitions(partitions));
        String topic = config.topic();
        List<Event> published = Logs.interleaveWithReplays(fleet, new Random(partitions));
        Map<Integer, Long> ends = log.publish(topic, published);

        String running;
        try (RunningIndexer indexer = RunningIndexer.start(config)) {
            KafkaLog.awaitApplied(indexer.reader(), ends);

            assertThat(indexer.currentStateDigest()).isEqualTo(fleetDigest);
            running = indexer.digest();
            IndexerCounters counters = indexer.reader().counters();
            assertThat(counters.deadLetters()).isZero();
            assertThat(counters.eventsApplied() + counters.duplicatesSkipped()).isEqualTo(published.size());
            assertThat(counters.duplicatesSkipped()).isEqualTo(published.size() - Logs.ordered(fleet).size());
            assertThat(Pages.all(indexer.reader()::hosts)).hasSize(50);
            KafkaLog.await("caught up", () -> indexer.reader().ingestStatus().caughtUp());
            if (partitions == 12) {
                // the partitions of the batch being written are held back, so the next poll brings
                // other hosts, folded during that write: the digest above holds for that path too
                assertThat(indexer.foldedBesideWrite()).as("polls folded while a batch was written").isPositive();
                // and the first poll, which finds the writer idle, is split by partition: the
                // first half written while the second is folded
                assertThat(indexer.pollsSplit()).as("polls split in two").isPositive();
            }
        }
        assertThat(StateDigest.of(config.dataDirectory())).isEqualTo(running);
    }

    @Test
    void aRebuildGivesTheSameStateAsIncrementalIngestionAcrossRestarts() throws Exception {
        IndexerConfig config = config(EventTopics.named("rebuild"));
        String topic = config.topic();
        List<Event> published = Logs.interleaveWithReplays(fleet, new Random(99));
        int half = published.size() / 2;

        Map<Integer, Long> firstEnds = log.publish(topic, published.subList(0, half));
        try (RunningIndexer indexer = RunningIndexer.start(config)) {
            KafkaLog.awaitApplied(indexer.reader(), firstEnds);
        }
        Map<Integer, Long> ends = new HashMap<>(firstEnds);
        log.publish(topic, published.subList(half, published.size())).forEach((p, end) -> ends.merge(p, end, Math::max));
        String incremental;
        try (RunningIndexer indexer = RunningIndexer.start(config)) {
            KafkaLog.awaitApplied(indexer.reader(), ends);
            incremental = indexer.digest();
            assertThat(indexer.currentStateDigest()).isEqualTo(fleetDigest);
        }

        try (RunningIndexer rebuilt = RunningIndexer.start(config.withRebuild(true))) {
            assertThat(Pages.all(rebuilt.reader()::hosts)).isEmpty();
            KafkaLog.awaitApplied(rebuilt.reader(), ends);

            assertThat(rebuilt.digest()).as("history included").isEqualTo(incremental);
            assertThat(rebuilt.currentStateDigest()).isEqualTo(fleetDigest);
        }
    }

    @Test
    void aReplicaDefersCompactionsWhileItCatchesUpAndCompactsAsUsualOnceCaughtUp() throws Exception {
        IndexerConfig config = config(EventTopics.named("catch-up")).withMaxPollRecords(1); // a poll per event
        List<Event> ordered = Logs.ordered(fleet);
        int half = ordered.size() / 2;
        Map<Integer, Long> firstEnds = log.publish(config.topic(), ordered.subList(0, half));

        try (RunningIndexer indexer = RunningIndexer.start(config)) {
            boolean[] seenDeferred = {false};
            KafkaLog.await("the replica to catch up", () -> {
                seenDeferred[0] |= indexer.compactionsDeferred();
                return indexer.reader().ingestStatus().caughtUp();
            });
            KafkaLog.awaitApplied(indexer.reader(), firstEnds);
            assertThat(seenDeferred[0]).as("compactions deferred while catching up").isTrue();
            KafkaLog.await("compactions to resume once caught up", () -> !indexer.compactionsDeferred());

            Map<Integer, Long> ends = log.publish(config.topic(), ordered.subList(half, ordered.size()));
            KafkaLog.awaitApplied(indexer.reader(), ends);
            assertThat(indexer.compactionsDeferred()).as("a caught-up replica falling behind by new events").isFalse();
            assertThat(indexer.currentStateDigest()).isEqualTo(fleetDigest);
        }
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithWhereAndWhyAndNothingValidIsLost() throws Exception {
        IndexerConfig config = config(EventTopics.named("poison"));
        String topic = config.topic();
        List<List<Event>> hosts = ChurningFleet.streams(6, 10, 5);
        List<Event> valid = Logs.interleaveWithReplays(hosts, new Random(5));
        Event sample = valid.get(0);
        String hostId = sample.header().hostId();
        Map<String, byte[][]> poison = new java.util.LinkedHashMap<>();
        poison.put("expected the Avro single-object marker", new byte[][] {KafkaLog.utf8(hostId), RawEvents.garbage()});
        poison.put("unknown schema fingerprint", new byte[][] {KafkaLog.utf8(hostId), RawEvents.unknownFingerprint(sample)});
        poison.put("corrupt body", new byte[][] {KafkaLog.utf8(hostId), RawEvents.truncated(sample)});
        poison.put("vport counts must not be negative", new byte[][] {KafkaLog.utf8("host-001"),
                RawEvents.negativeVportCounts("host-001", 1)});
        poison.put("device name must not be blank", new byte[][] {KafkaLog.utf8("host-002"),
                RawEvents.blankDeviceName("host-002", 1)});
        poison.put("record key 'host-004' is not the key of host-003's",
                new byte[][] {KafkaLog.utf8("host-004"), KafkaLog.CODEC.encode(hosts.get(6).get(1))});
        // a record without a key never reaches the indexer: a compacted topic refuses it
        // a tombstone (no value) is no poison: it lets compaction forget its key and changes nothing
        byte[] tombstoneKey = EventKey.device(hostId, Source.UDEV, "scsi_host99");

        Random random = new Random(5);
        List<String> reasons = new ArrayList<>(poison.keySet());
        Map<String, RecordMetadata> published = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        int next = 0;
        for (Event event : valid) {
            if (next < reasons.size() && random.nextInt(8) == 0) {
                byte[][] record = poison.get(reasons.get(next));
                RecordMetadata at = log.publishRaw(topic, record[0], record[1]);
                published.put(reasons.get(next++), at);
                ends.merge(at.partition(), at.offset() + 1, Math::max);
            }
            log.publish(topic, List.of(event)).forEach((p, end) -> ends.merge(p, end, Math::max));
        }
        assertThat(next).as("every poison record published among the valid ones").isEqualTo(reasons.size());
        RecordMetadata tombstone = log.publishRaw(topic, tombstoneKey, null);
        ends.merge(tombstone.partition(), tombstone.offset() + 1, Math::max);

        try (RunningIndexer indexer = RunningIndexer.start(config)) {
            KafkaLog.awaitApplied(indexer.reader(), ends);

            assertThat(indexer.currentStateDigest()).isEqualTo(Logs.referenceDigest(Logs.ordered(hosts)));
            assertThat(indexer.reader().counters().deadLetters()).isEqualTo(poison.size());
        }
        List<ConsumerRecord<byte[], byte[]>> letters = log.readAll(config.deadLetterTopic(), 1, poison.size());
        assertThat(letters).hasSize(poison.size());
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String reason = header(letter, DeadLetterHeaders.REASON);
            String expected = reasons.stream().filter(reason::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("unexpected dead letter: " + reason));
            RecordMetadata origin = published.get(expected);
            assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
            assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo(Integer.toString(origin.partition()));
            assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(origin.offset()));
            assertThat(letter.key()).isEqualTo(poison.get(expected)[0]);
            assertThat(letter.value()).isEqualTo(poison.get(expected)[1]);
        }
    }

    @Test
    void aHostKeyCollisionIsDeadLetteredAndTheFirstHostKept() throws Exception {
        IndexerConfig config = config(EventTopics.named("collision").withEventPartitions(1));
        String topic = config.topic();
        Events first = Events.of("host-a", Source.LIBVIRT);
        Events second = Events.of("host-b", Source.LIBVIRT);
        Map<Integer, Long> ends = log.publish(topic, List.of(first.snapshot(ChurningFleet.hba(1, 0, Source.LIBVIRT, 0)),
                second.snapshot(ChurningFleet.hba(2, 0, Source.LIBVIRT, 0))));

        try (RunningIndexer indexer = RunningIndexer.start(config, hostId -> 7L)) {
            KafkaLog.awaitApplied(indexer.reader(), ends);

            assertThat(Pages.all(indexer.reader()::hosts)).extracting(HostInfo::hostId).containsExactly("host-a");
            assertThat(indexer.reader().counters().hostKeyCollisions()).isEqualTo(1);
            assertThat(indexer.reader().devicesByWwpn(ChurningFleet.hba(2, 0, Source.LIBVIRT, 0).fcHost().orElseThrow().wwpn()))
                    .isEmpty();
        }
        ConsumerRecord<byte[], byte[]> letter = log.readAll(config.deadLetterTopic(), 1, 1).get(0);
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("host key collision", "'host-b'", "'host-a'");
        assertThat(letter.key()).isEqualTo(EventKey.snapshot("host-b", Source.LIBVIRT));
    }

    @Test
    void theReadApiAnswersWhileTheIndexerRuns() throws Exception {
        IndexerConfig config = config(EventTopics.named("reads"));
        String topic = config.topic();
        Map<Integer, Long> ends = log.publish(topic, Logs.ordered(fleet));

        try (RunningIndexer indexer = RunningIndexer.start(config)) {
            KafkaLog.awaitApplied(indexer.reader(), ends);
            IndexReader reader = indexer.reader();

            assertThat(Pages.all(reader::hosts)).extracting(HostInfo::hostId).isSorted().hasSize(50);
            Wwn fabric = new Wwn(0x1000_0005_1e9a_0000L);
            List<HostDevice> onFabric = reader.devicesByFabric(fabric);
            assertThat(onFabric).isNotEmpty().isSortedAccordingTo(HostDevice.ORDER)
                    .allSatisfy(d -> assertThat(d.device().fcHost().orElseThrow().fabricWwn()).contains(fabric));
            assertThat(Pages.all(reader::vhbaAssignments)).extracting(a -> new HostDevice(a.host(), a.vhba()))
                    .isSortedAccordingTo(HostDevice.ORDER).isNotEmpty();
            assertThat(reader.ingestStatus().lag()).isZero();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
