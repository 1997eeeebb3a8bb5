package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.AdminRecords;
import io.nodedex.event.kafka.DeadLetterHeaders;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.HostDevice;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.npiv.NpivAnswer;
import io.nodedex.npiv.NpivAnswer.Outcome;
import io.nodedex.npiv.NpivRequest;
import io.nodedex.npiv.NpivResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against libvirt's {@code test:///default}, through a real broker, into the real
 * indexer checking signatures (the host's key enrolled by the administrators' key): its tables
 * must answer the NPIV question for the host exactly as {@link NpivResolver} answers it on the
 * devices read straight from libvirt (the offline CLI path), and records the host's key did not
 * sign change nothing.
 */
class AgentIndexerEndToEndTest {

    private static final String HOST = "hv042";
    private static final EventTopics TOPICS = EventTopics.DEFAULT;

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker kafka;
    private static Agent agent;
    private static Indexer indexer;
    private static Thread indexing;
    private static List<Device> straightFromLibvirt;
    private static final SigningKey ADMIN = SigningKey.generate();

    @BeforeAll
    static void agentAndIndexer() throws InterruptedException {
        kafka = EmbeddedKafkaBroker.start();
        TOPICS.createWith(kafka::createTopic);
        AgentConfig config = AgentKafkaTest.config(dir.resolve("agent"), kafka.bootstrapServers(),
                TOPICS.events().name()).withSysfs(Optional.empty());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            new AdminRecords(producer, TOPICS.events().name(), Clock.systemUTC(), Optional.of(ADMIN))
                    .enrol(HOST, Agent.publicKey(config.stateDirectory()));
        }
        agent = Agent.start(config);
        indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), dir.resolve("indexer")).withTopics(TOPICS)
                .withAdminKey(ADMIN.publicKey()));
        indexing = new Thread(indexer, "indexer");
        indexing.start();
        straightFromLibvirt = LibvirtDevices.read("test:///default");
        Poll.until(() -> indexer.reader().devices(HOST).equals(straightFromLibvirt), "the indexer holds the host");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        agent.close();
        indexer.close();
        indexing.join();
        kafka.close();
    }

    /**
     * Questions on libvirt's test:///default (docs/design.md, "Reference data": scsi_host1 and
     * scsi_host2 vport capable with capacity unknown, scsi_host1 the lower WWPN; scsi_host11 a
     * vHBA) and the answers the rules give: the parent, or the outcome without one.
     */
    private record Question(NpivRequest request, String parent, Outcome outcome) {
    }

    static Stream<Question> questions() {
        return Stream.of(
                new Question(request(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), "scsi_host1", Outcome.FOUND),
                new Question(request(Optional.of("scsi_host2"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), "scsi_host2", Outcome.FOUND),
                new Question(request(Optional.of("scsi_host11"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), "", Outcome.CONFLICT),
                new Question(request(Optional.of("scsi_host404"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), "", Outcome.NOT_FOUND),
                new Question(request(Optional.empty(), Optional.of("0x2000000056785678"), Optional.of("1000000056785678"),
                        Optional.empty(), Optional.empty()), "scsi_host2", Outcome.FOUND),
                new Question(request(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("2000000043214321"),
                        Optional.empty()), "scsi_host1", Outcome.FOUND),
                new Question(request(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("0x2000000087658765"), Optional.of("most-free")), "scsi_host2", Outcome.FOUND));
    }

    @Test
    void everyNpivQuestionOnTheIndexedHostGetsTheAnswerOfItsKnownDevices() {
        IndexReader reader = indexer.reader();
        questions().forEach(question -> {
            NpivAnswer answer = NpivResolver.resolve(question.request(), reader.devices(HOST));
            assertThat(answer.outcome()).as("%s", question).isEqualTo(question.outcome());
            assertThat(answer.parent().map(NpivAnswer.Parent::name).orElse("")).as("%s", question)
                    .isEqualTo(question.parent());
            assertThat(answer.candidates()).as("%s", question).extracting(NpivAnswer.Candidate::name)
                    .containsExactlyInAnyOrder("scsi_host1", "scsi_host2", "scsi_host11");
        });
    }

    @Test
    void theNpivTablesHoldExactlyTheVportCapableHbasAndTheFabricsMembers() {
        IndexReader reader = indexer.reader();

        assertThat(reader.vportParents(HOST))
                .isEqualTo(straightFromLibvirt.stream().filter(Device::isVportCapable).toList())
                .extracting(Device::name).containsExactly("scsi_host1", "scsi_host2");
        assertThat(reader.devicesByFabric(Wwn.parse("2000000043214321"))).extracting(HostDevice::device)
                .extracting(Device::name).containsExactly("scsi_host1", "scsi_host11");
        assertThat(reader.vhbas(HOST)).extracting(vhba -> vhba.device().name() + "->" + vhba.parent().orElse("?"))
                .containsExactly("scsi_host11->scsi_host1");
    }

    @Test
    void theAgentsDefaultHostAnswerNamesScsiHost1ForItsFabric() {
        NpivRequest fabric = request(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("2000000043214321"), Optional.empty());

        assertThat(NpivResolver.resolve(fabric, indexer.reader().devices(HOST)).parent())
                .hasValueSatisfying(parent -> assertThat(parent.name()).isEqualTo("scsi_host1"));
    }

    @Test
    void aForgedSnapshotOfTheHostGoesToTheDeadLettersWithTheReasonAndChangesNothing() throws Exception {
        Event forged = new Event(new EventHeader(HOST, Long.MAX_VALUE - 1000, 0, Source.UDEV, Instant.now()),
                new HostSnapshot(List.of()));
        byte[] key = EventKey.of(forged);
        byte[] value = new EventCodec().encode(forged);
        SigningKey stolen = SigningKey.generate();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPICS.events().name(), key, value)).get();
            producer.send(new ProducerRecord<>(TOPICS.events().name(), null, key, value,
                    RecordSignatures.sign(stolen, key, value))).get();
        }

        List<String> reasons = deadLetterReasons(2);

        String enrolled = Agent.publicKey(dir.resolve("agent/state")).fingerprint();
        assertThat(reasons).containsExactly(
                "the HostSnapshot record of host 'hv042' is not signed, not by the host's enrolled key (" + enrolled + ")",
                "the HostSnapshot record of host 'hv042' is signed by " + stolen.publicKey().fingerprint()
                        + ", not by the host's enrolled key (" + enrolled + ")");
        assertThat(indexer.reader().devices(HOST)).isEqualTo(straightFromLibvirt);
    }

    private static List<String> deadLetterReasons(int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(TOPICS.deadLetters().name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> reasons = new ArrayList<>();
            Poll.until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    reasons.add(new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                            StandardCharsets.UTF_8));
                }
                return reasons.size() >= count;
            }, count + " dead letters");
            return reasons;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static NpivRequest request(Optional<String> parent, Optional<String> wwnn, Optional<String> wwpn,
            Optional<String> fabric, Optional<String> policy) {
        return NpivRequest.of(Optional.of(HOST), parent, wwnn, wwpn, fabric, policy);
    }
}
