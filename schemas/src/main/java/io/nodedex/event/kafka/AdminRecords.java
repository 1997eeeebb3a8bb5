package io.nodedex.event.kafka;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.event.signing.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes the administrators' records of a host: its enrolment ({@link HostEnrolled}) and the
 * reset of its watermarks ({@link HostReset}); {@link HostRetirement} publishes retirements the
 * same way. Each is signed with the administrators' key when one is given: replicas that check
 * signatures apply such records only when that key signed them (docs/design.md, "Who may
 * publish what").
 *
 * <p>Not thread-safe: one record at a time on the given producer.
 */
public final class AdminRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final Optional<SigningKey> adminKey;

    /**
     * @param producer a producer with byte-array serializers ({@code acks=all} recommended)
     * @param adminKey the administrators' key, which signs every record; empty for replicas that
     *     do not check signatures
     */
    public AdminRecords(Producer<byte[], byte[]> producer, String topic, Clock clock, Optional<SigningKey> adminKey) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.adminKey = Objects.requireNonNull(adminKey, "adminKey");
    }

    /**
     * Enrols {@code publicKey} as the key of {@code hostId}; returns the record's offset.
     *
     * @throws IllegalStateException when the topic does not exist or Kafka does not acknowledge
     */
    public long enrol(String hostId, PublicSigningKey publicKey) throws InterruptedException {
        return send(hostId, new HostEnrolled(publicKey));
    }

    /**
     * Resets the watermarks of {@code hostId}; returns the record's offset.
     *
     * @throws IllegalStateException when the topic does not exist or Kafka does not acknowledge
     */
    public long reset(String hostId) throws InterruptedException {
        return send(hostId, new HostReset());
    }

    long send(String hostId, Payload payload) throws InterruptedException {
        int partitions = producer.partitionsFor(topic).size();
        try {
            RecordMetadata sent = producer.send(record(hostId, EventKey.partition(hostId, partitions), payload))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return sent.offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept the " + payload.getClass().getSimpleName()
                    + " record of " + hostId + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the " + payload.getClass().getSimpleName()
                    + " record of " + hostId + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /**
     * The record of an administrators' {@code payload} for {@code hostId}, signed when there is a
     * key. Replicas apply these records whatever their numbers: the numbers only identify them.
     */
    ProducerRecord<byte[], byte[]> record(String hostId, int partition, Payload payload) {
        Event event = new Event(new EventHeader(hostId, clock.millis(), 0, Source.LIBVIRT, clock.instant()), payload);
        byte[] key = EventKey.of(event);
        byte[] value = new EventCodec().encode(event);
        return adminKey.map(signer -> new ProducerRecord<>(topic, partition, null, key, value,
                        RecordSignatures.sign(signer, key, value)))
                .orElseGet(() -> new ProducerRecord<>(topic, partition, key, value));
    }
}
