package io.nodedex.indexer;

import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The events topic's bytes on the broker while a fleet sits idle: one round (every source of
 * every host sends its state and a heartbeat), then {@code rounds} more unchanged re-sends, as
 * agents send every re-send interval (6 h by default: 4 rounds are a day). The topic is the
 * project's compacted topic with its segments closed every 2 s instead of hourly and the cleaner
 * eager, so that what a month of hourly segments would show happens within the run.
 */
final class IdleTopicSize {

    private static final String TOPIC = "bench.idle";
    private static final long SEGMENT_MS = 2000;

    private IdleTopicSize() {
    }

    /** Publishes the rounds and prints the topic's bytes after the first, before and after compaction. */
    static void measure(EmbeddedKafkaBroker kafka, int hosts, int rounds, int partitions) throws InterruptedException {
        EventTopics topics = EventTopics.named(TOPIC).withEventPartitions(partitions).withEventConfigs(Map.of(
                "segment.ms", Long.toString(SEGMENT_MS), "min.cleanable.dirty.ratio", "0.01",
                "min.compaction.lag.ms", "0"));
        topics.createWith(kafka::createTopic);
        BenchmarkLog log = new BenchmarkLog(hosts, 0);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 << 10));
        EventCodec codec = new EventCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer()); Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long started = System.nanoTime();
            log.idleRound(event -> producer.send(new ProducerRecord<>(TOPIC,
                    EventKey.partition(event.header().hostId(), partitions), EventKey.of(event), codec.encode(event))));
            producer.flush();
            long oneRound = bytes(admin);
            for (int round = 0; round < rounds; round++) {
                log.idleRound(event -> producer.send(new ProducerRecord<>(TOPIC,
                        EventKey.partition(event.header().hostId(), partitions), EventKey.of(event),
                        codec.encode(event))));
                producer.flush();
            }
            long peak = bytes(admin);
            long settled = peak;
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (System.nanoTime() < deadline) {
                Thread.sleep(SEGMENT_MS + 500);
                for (int partition = 0; partition < partitions; partition++) { // closes the active segments
                    producer.send(new ProducerRecord<>(TOPIC, partition, EventKey.device("segment-roller",
                            io.nodedex.event.Source.UDEV, "p" + partition), null));
                }
                producer.flush();
                settled = bytes(admin);
                if (settled <= oneRound * 3 / 2) {
                    break;
                }
            }
            System.out.printf("idle topic: %,d hosts, 1 round then %d unchanged re-send rounds (%.1f days at one every"
                    + " 6 h) in %.0f s%n", hosts, rounds, rounds / 4.0, (System.nanoTime() - started) / 1e9);
            System.out.printf("idle topic bytes   %,d MB after one round, %,d MB before compaction, %,d MB after"
                    + " (%.2fx one round)%n", oneRound >> 20, peak >> 20, settled >> 20, (double) settled / oneRound);
        }
    }

    private static long bytes(Admin admin) {
        try {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
            return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().equals(TOPIC))
                    .mapToLong(replica -> replica.getValue().size()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the topic's size", e);
        }
    }
}
