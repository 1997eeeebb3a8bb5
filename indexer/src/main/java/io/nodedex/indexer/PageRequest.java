package io.nodedex.indexer;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a list to read: at most {@code limit} items, from the start or from a position a
 * previous {@link Page} returned. Immutable.
 *
 * @param after where the page starts; empty for the first page
 * @param limit the most items the page holds, at least 1
 */
public record PageRequest(Optional<PagePosition> after, int limit) {

    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least 1 item, not " + limit);
        }
    }

    /** The first page, of at most {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    /** The page at {@code position}, of at most {@code limit} items. */
    public static PageRequest at(PagePosition position, int limit) {
        return new PageRequest(Optional.of(position), limit);
    }
}
