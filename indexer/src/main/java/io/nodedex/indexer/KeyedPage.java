package io.nodedex.indexer;

import io.nodedex.device.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A page built from items offered in the order of their keys, from the page's position on: the
 * first {@code limit} items at or after it, and where the next page starts when one more item
 * follows. For lists that are not rows of one table (answers as of a past time). Confined to one
 * thread.
 */
final class KeyedPage<T> {

    private final byte[] from;
    private final int limit;
    private final List<T> items = new ArrayList<>();
    private byte[] lastKey;
    private Optional<PagePosition> next = Optional.empty();

    /**
     * The page {@code page} asks for of a list whose keys all start with {@code prefix}.
     *
     * @throws InvalidInputException when the page's position is not in that list
     */
    KeyedPage(byte[] prefix, PageRequest page) {
        this.from = start(prefix, page);
        this.limit = page.limit();
    }

    /** Where the page starts: the first key it may hold. */
    byte[] from() {
        return from.clone();
    }

    /**
     * Offers the item with {@code key}, greater than every key offered before; items before the
     * page's position are left out.
     *
     * @return whether the page wants more items
     */
    boolean offer(byte[] key, T item) {
        if (next.isPresent()) {
            return false;
        }
        if (Arrays.compareUnsigned(key, from) < 0) {
            return true;
        }
        if (items.size() == limit) {
            next = Optional.of(PagePosition.between(lastKey, key));
            return false;
        }
        items.add(item);
        lastKey = key;
        return true;
    }

    /** Whether the page is full and knows where the next one starts. */
    boolean isFull() {
        return next.isPresent();
    }

    Page<T> page() {
        return new Page<>(items, next);
    }

    private static byte[] start(byte[] prefix, PageRequest page) {
        if (page.after().isEmpty()) {
            return prefix;
        }
        byte[] from = page.after().get().bytes();
        if (!Keys.hasPrefix(from, prefix)) {
            throw new InvalidInputException("the page position belongs to another list");
        }
        return from;
    }
}
