package io.nodedex.indexer;

import io.nodedex.event.signing.PublicSigningKey;
import java.util.Optional;

/**
 * A host's enrolled key during one poll: the stored one, loaded on first use, and what the
 * poll's enrolments and retirements made of it. Confined to one thread at a time.
 */
final class EnrolmentView {

    private final Store.ReadView reads;
    private final long hostKey;
    private Optional<PublicSigningKey> stored;
    private Optional<PublicSigningKey> current;

    EnrolmentView(Store.ReadView reads, long hostKey) {
        this.reads = reads;
        this.hostKey = hostKey;
    }

    /** The key enrolled at this point of the log, if any. */
    Optional<PublicSigningKey> key() {
        if (current == null) {
            stored = reads.get(Table.ENROLMENTS, Keys.host(hostKey)).map(PublicSigningKey::ofRaw);
            current = stored;
        }
        return current;
    }

    void enrol(PublicSigningKey key) {
        key();
        current = Optional.of(key);
    }

    void revoke() {
        key();
        current = Optional.empty();
    }

    /** The row that stores the change, if the poll changed the key. */
    Optional<Row> row() {
        if (current == null || current.equals(stored)) {
            return Optional.empty();
        }
        byte[] key = Keys.host(hostKey);
        return Optional.of(current.map(enrolled -> Row.put(Table.ENROLMENTS, key, enrolled.raw()))
                .orElseGet(() -> Row.delete(Table.ENROLMENTS, key)));
    }
}
