package io.nodedex.indexer;

import java.util.List;
import java.util.Objects;

/**
 * One page of the change feed and where the next one starts. Immutable.
 *
 * @param changes the changes after the cursor asked for, in feed order: per partition in log
 *     order, partitions interleaved by time
 * @param next the cursor to ask with next: after the last change listed, or as far as the replica
 *     has read when nothing (more) matched, so a watcher never reads the same rows twice
 */
public record ChangePage(List<Change> changes, ChangeCursor next) {

    public ChangePage {
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next");
    }
}
