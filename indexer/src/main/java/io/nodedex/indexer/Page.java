package io.nodedex.indexer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list, in the list's documented order, and where the next page starts. Immutable
 * (the items are immutable values).
 *
 * @param items the page's items, at most the requested limit
 * @param next the position of the next page; empty when this page is the last
 */
public record Page<T>(List<T> items, Optional<PagePosition> next) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
