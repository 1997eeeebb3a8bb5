package io.nodedex.indexer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change in the change feed (docs/design.md, "Watching changes"): a device of a host that
 * appeared, changed or went, or a host that appeared or was retired. Immutable.
 *
 * @param cursor where a watcher resumes to read the changes after this one
 * @param time when it happened: the version's time for a device (the agent's observation),
 *     the event's observation time for a host
 * @param hostId the host
 * @param name the device; empty for a change of the host itself
 * @param kind {@link Kind#ADDED}, {@link Kind#CHANGED} or {@link Kind#REMOVED}
 */
public record Change(ChangeCursor cursor, Instant time, String hostId, Optional<String> name, Kind kind) {

    public Change {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** What happened. */
    public enum Kind {
        ADDED, CHANGED, REMOVED;

        byte code() {
            return (byte) ordinal();
        }

        static Kind of(byte code) {
            Kind[] kinds = values();
            if (code < 0 || code >= kinds.length) {
                throw new IllegalStateException("not a change kind: " + code);
            }
            return kinds[code];
        }
    }
}
