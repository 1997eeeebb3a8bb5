package io.nodedex.agent;

import io.nodedex.event.Event;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.CompactedRecords;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the compacted events topic with an idempotent producer ({@code acks=all}):
 * each event becomes the records {@link CompactedRecords} plans (its value the {@link EventCodec}
 * bytes, its key per {@link EventKey}), all in the host's partition ({@link EventKey#partition}),
 * so one host's records stay in order. {@link #send} waits for the broker's acknowledgement of
 * every record; a send that times out or meets a retriable error is a retriable
 * {@link DeliveryException}, and sending the same event again sends the same records.
 *
 * <p>Only the publisher thread calls {@link #send}; {@link #close()} may come from any thread.
 */
final class KafkaEventSink implements EventSink {

    /** How long {@link #close()} waits for outstanding sends. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

    private final String topic;
    private final EventCodec codec;
    private final Producer<byte[], byte[]> producer;
    private final CompactedRecords records = new CompactedRecords();
    private final SigningKey key;

    private KafkaEventSink(String topic, EventCodec codec, Producer<byte[], byte[]> producer, SigningKey key) {
        this.topic = topic;
        this.codec = codec;
        this.producer = producer;
        this.key = key;
    }

    /**
     * A sink with its own producer, named {@code nodedex-agent-<hostId>}, and its own codec. The
     * producer is created first, so it connects and registers as an idempotent producer in the
     * background while the codec loads. Every record with a value is signed with {@code key}
     * ({@link RecordSignatures}).
     */
    public static KafkaEventSink create(KafkaSettings settings, String hostId, SigningKey key) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(settings, hostId));
        try {
            return new KafkaEventSink(settings.topic(), new EventCodec(), producer, key);
        } catch (RuntimeException | Error e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Fetches the topic's metadata, so the first send finds it; waits at most the delivery timeout. */
    @Override
    public void prepare() {
        try {
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            LOG.debug("No metadata for topic {} yet: {}", topic, e.getMessage());
        }
    }

    static Map<String, Object> producerConfig(KafkaSettings settings, String hostId) {
        int deliveryMillis = (int) Math.min(Integer.MAX_VALUE, settings.deliveryTimeout().toMillis());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "nodedex-agent-" + hostId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // every send is awaited: batching would only delay it
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"); // snapshots of big hosts compress well
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMillis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, deliveryMillis / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMillis);
        config.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false); // no client telemetry from every hypervisor
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putAll(settings.properties().producer());
        return config;
    }

    @Override
    public void send(Event event) throws InterruptedException {
        CompactedRecords.Plan plan = records.plan(event);
        try {
            int partition = EventKey.partition(event.header().hostId(), producer.partitionsFor(topic).size());
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (CompactedRecords.Keyed keyed : plan.records()) {
                byte[] value = keyed.event().map(codec::encode).orElse(null);
                sends.add(producer.send(value == null ? new ProducerRecord<>(topic, partition, keyed.key(), null)
                        : new ProducerRecord<>(topic, partition, null, keyed.key(), value,
                                RecordSignatures.sign(key, keyed.key(), value))));
            }
            for (Future<RecordMetadata> sent : sends) {
                sent.get();
            }
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptException e) {
            throw new InterruptedException("interrupted while sending to Kafka");
        } catch (KafkaException e) {
            throw failure(e);
        }
        plan.commit();
    }

    private DeliveryException failure(Throwable cause) {
        boolean retriable = cause instanceof RetriableException;
        return new DeliveryException("Kafka did not accept the event for topic " + topic + ": " + cause,
                retriable, cause);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
