package io.nodedex.api;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.SigningKey;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes an API server's records, each signed with the command key: vHBA requests and
 * expiries to the events topic under the host's key, commands to the commands topic, both in the
 * host's partition (docs/design.md, "Decisions are events"). Records are numbered as the
 * administrators' are (incarnation: the time in milliseconds, sequence 0): replicas apply them
 * whatever their numbers. Thread-safe (Kafka's producer is).
 */
final class VhbaPublisher implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Producer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final String commandsTopic;
    private final SigningKey commandKey;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();

    VhbaPublisher(Producer<byte[], byte[]> producer, String eventsTopic, String commandsTopic, SigningKey commandKey,
            Clock clock) {
        this.producer = producer;
        this.eventsTopic = eventsTopic;
        this.commandsTopic = commandsTopic;
        this.commandKey = commandKey;
        this.clock = clock;
    }

    /** Publishes a request or an expiry of {@code hostId} to the events topic and waits for the broker. */
    void event(String hostId, Payload payload) {
        send(eventsTopic, hostId, payload);
    }

    /** Publishes a command for {@code hostId}'s agent and waits for the broker. */
    void command(String hostId, Payload payload) {
        send(commandsTopic, hostId, payload);
    }

    private void send(String topic, String hostId, Payload payload) {
        Event event = new Event(new EventHeader(hostId, clock.millis(), 0, Source.LIBVIRT, clock.instant()), payload);
        byte[] key = EventKey.of(event);
        byte[] value = codec.encode(event);
        int partition = EventKey.partition(hostId, producer.partitionsFor(topic).size());
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, key, value,
                    RecordSignatures.sign(commandKey, key, value))).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept the " + payload.getClass().getSimpleName()
                    + " of host " + hostId + " on " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the " + payload.getClass().getSimpleName()
                    + " of host " + hostId + " on " + topic + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
