package io.nodedex.event.kafka;

import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.HostRetired;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * The key and partition rules of the events topic, a compacted topic (docs/design.md, "The log
 * grows with the fleet"). A record's key names what its value replaces, so that compaction keeps
 * exactly the latest record of each thing:
 *
 * <ul>
 *   <li>a device of one source ({@link DeviceUpserted}, {@link DeviceRemoved}):
 *       {@code host NUL SOURCE NUL name};
 *   <li>everything one source knows of the host ({@link HostSnapshot}): {@code host NUL SOURCE};
 *   <li>one source's liveness ({@link Heartbeat}): {@code host NUL SOURCE NUL}, a device key with
 *       an empty name, which no device has. Per source, because the last record of every source
 *       must survive compaction: it holds the source's watermark;
 *   <li>the host itself ({@link HostRetired}): {@code host};
 *   <li>the host's enrolled key ({@link HostEnrolled}): {@code host NUL NUL enrolment}, and the
 *       last reset of its watermarks ({@link HostReset}): {@code host NUL NUL reset}. The source
 *       part is empty, which no source's is, so these keys never meet a source's.
 *   <li>a vHBA request ({@link VhbaRequested}, {@link VhbaDeleteRequested}):
 *       {@code host NUL NUL request NUL id}, its outcome ({@link VhbaOutcome}):
 *       {@code host NUL NUL outcome NUL id}, its expiry ({@link VhbaRequestExpired}):
 *       {@code host NUL NUL expired NUL id}: each its own key, so compaction keeps every one;
 *       and on the commands topic, a command ({@link VhbaCommand}): {@code host NUL NUL command NUL id}.
 * </ul>
 *
 * <p>Strings are UTF-8 and the separator is one zero byte, which no host id, source name or
 * device name contains. A record without a value (a tombstone) under a device key lets compaction
 * forget that key; it carries no event and changes no state. Every record of a host goes to
 * partition {@link #partition}, computed from the host id alone, so one host's records stay in
 * order whatever their keys (the partition is the one Kafka's default partitioner picks for the
 * host id as a key).
 *
 * <p>Stateless and thread-safe.
 */
public final class EventKey {

    private static final byte SEPARATOR = 0;

    private EventKey() {
    }

    /** The record key of {@code event}. */
    public static byte[] of(Event event) {
        String host = event.header().hostId();
        Source source = event.header().source();
        Payload payload = event.payload();
        if (payload instanceof DeviceUpserted upserted) {
            return device(host, source, upserted.device().name());
        }
        if (payload instanceof DeviceRemoved removed) {
            return device(host, source, removed.name());
        }
        if (payload instanceof HostSnapshot) {
            return snapshot(host, source);
        }
        if (payload instanceof Heartbeat) {
            return device(host, source, "");
        }
        if (payload instanceof HostEnrolled) {
            return enrolment(host);
        }
        if (payload instanceof HostReset) {
            return join(host, "", "reset");
        }
        if (payload instanceof VhbaRequested requested) {
            return request(host, requested.requestId());
        }
        if (payload instanceof VhbaDeleteRequested delete) {
            return request(host, delete.requestId());
        }
        if (payload instanceof VhbaOutcome outcome) {
            return join(host, "", "outcome", outcome.requestId());
        }
        if (payload instanceof VhbaRequestExpired expired) {
            return join(host, "", "expired", expired.requestId());
        }
        if (payload instanceof VhbaCommand command) {
            return join(host, "", "command", command.requestId());
        }
        return host(host);
    }

    /** The key of one source's record of one device: also the key of the tombstone that forgets it. */
    public static byte[] device(String hostId, Source source, String deviceName) {
        return join(hostId, source.name(), deviceName);
    }

    /** The key of one source's snapshot of a host. */
    public static byte[] snapshot(String hostId, Source source) {
        return join(hostId, source.name());
    }

    /** The key of a host's lifecycle records ({@link HostRetired}). */
    public static byte[] host(String hostId) {
        return join(hostId);
    }

    /** The key of a host's enrolment ({@link HostEnrolled}). */
    public static byte[] enrolment(String hostId) {
        return join(hostId, "", "enrolment");
    }

    /** The key of a vHBA request of the host ({@link VhbaRequested}, {@link VhbaDeleteRequested}). */
    public static byte[] request(String hostId, String requestId) {
        return join(hostId, "", "request", requestId);
    }

    /** The host id a key of this topic starts with. */
    public static String hostOf(byte[] key) {
        int end = 0;
        while (end < key.length && key[end] != SEPARATOR) {
            end++;
        }
        return new String(key, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The partition of every record of host {@code hostId} in a topic of {@code partitions}
     * partitions: murmur2 of the host id's UTF-8 bytes, as Kafka's default partitioner hashes keys.
     */
    public static int partition(String hostId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least 1 partition, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(hostId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Why a record with this key must not carry {@code event}, or empty when the key is the
     * event's: e.g. {@code record key 'host-b' is not the key of host-a's Heartbeat ('host-a')}.
     *
     * @param key the record's key, empty when the record has none
     */
    public static Optional<String> mismatch(Optional<byte[]> key, Event event) {
        Objects.requireNonNull(key, "key");
        byte[] expected = of(event);
        if (key.isPresent() && Arrays.equals(key.get(), expected)) {
            return Optional.empty();
        }
        String shown = key.map(EventKey::show).orElse("none");
        return Optional.of("record key " + shown + " is not the key of " + event.header().hostId() + "'s "
                + event.payload().getClass().getSimpleName() + " (" + show(expected) + ")");
    }

    /** A key as text, the separators shown as {@code /}. */
    public static String show(byte[] key) {
        return "'" + new String(key, StandardCharsets.UTF_8).replace('\0', '/') + "'";
    }

    private static byte[] join(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            byte[] bytes = parts[i].getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }
}
