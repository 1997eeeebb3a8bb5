package io.nodedex.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Walks a paged list of the {@link IndexReader} to its end. */
final class Pages {

    private Pages() {
    }

    /** Every item of the list, in pages of up to 1000. */
    static <T> List<T> all(Function<PageRequest, Page<T>> list) {
        return walk(list, 1000);
    }

    /** Every item of the list, read in pages of up to {@code limit}. */
    static <T> List<T> walk(Function<PageRequest, Page<T>> list, int limit) {
        return walk(list, limit, () -> { });
    }

    /** Every item of the list, read in pages of up to {@code limit}, running {@code between} after each page but the last. */
    static <T> List<T> walk(Function<PageRequest, Page<T>> list, int limit, Runnable between) {
        List<T> items = new ArrayList<>();
        Optional<PagePosition> at = Optional.empty();
        do {
            Page<T> page = list.apply(new PageRequest(at, limit));
            if (page.items().size() > limit) {
                throw new AssertionError("a page of " + page.items().size() + " items, over the limit " + limit);
            }
            items.addAll(page.items());
            at = page.next();
            if (at.isPresent()) {
                between.run();
            }
        } while (at.isPresent());
        return items;
    }
}
