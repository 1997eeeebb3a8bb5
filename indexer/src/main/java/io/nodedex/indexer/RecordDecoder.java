package io.nodedex.indexer;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.Event;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.event.kafka.RecordSignatures;
import io.nodedex.event.signing.PublicSigningKey;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record of the events topic into what the fold takes (docs/design.md, "How the indexer
 * applies a poll", step 1): its event with who signed it and when the broker logged it, or why
 * it is refused. Thread-safe: the indexer's workers decode a poll in parallel.
 */
final class RecordDecoder {

    private final EventCodec codec = new EventCodec();
    private final boolean checksSignatures;

    /** @param checksSignatures whether records must carry a valid signature ({@link Admission#checksSignatures()}) */
    RecordDecoder(boolean checksSignatures) {
        this.checksSignatures = checksSignatures;
    }

    /**
     * A record's event and the devices it carries with their stored forms
     * ({@link StoredDevice#carriedBy}), or why it cannot be folded; neither for a tombstone.
     */
    record Decoded(Optional<Received> received, List<StoredDevice> carried, Optional<String> refusal) {
        /** A record without a value: it only lets compaction forget its key, and changes nothing. */
        static final Decoded TOMBSTONE = new Decoded(Optional.empty(), List.of(), Optional.empty());

        static Decoded of(Received received, List<byte[]> storedDevices) {
            return new Decoded(Optional.of(received), StoredDevice.carriedBy(received.event(), storedDevices),
                    Optional.empty());
        }

        static Decoded refused(String reason) {
            return new Decoded(Optional.empty(), List.of(), Optional.of(reason));
        }
    }

    /**
     * Decodes and validates one record: a valid event keyed by its own host id ({@link EventKey}),
     * and, where this replica checks signatures, a valid signature ({@link RecordSignatures}). The
     * devices a valid event carries come with their stored forms ({@link StoredDevice#carriedBy}).
     * Any thread.
     */
    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Decoded.TOMBSTONE;
        }
        EventCodec.WithDevices read;
        Optional<PublicSigningKey> signer = Optional.empty();
        try {
            read = codec.decodeWithDevices(record.value());
            if (checksSignatures) {
                signer = RecordSignatures.signer(record.headers(), record.key(), record.value());
            }
        } catch (InvalidInputException e) {
            return Decoded.refused(e.getMessage());
        }
        Event event = read.event();
        Received received = new Received(event, signer, Received.timestamp(record.timestamp()),
                new LogPosition(record.partition(), record.offset()));
        return EventKey.mismatch(Optional.ofNullable(record.key()), event)
                .map(Decoded::refused).orElseGet(() -> Decoded.of(received, read.storedDevices()));
    }
}
