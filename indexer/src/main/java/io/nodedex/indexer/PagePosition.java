package io.nodedex.indexer;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a page of a list starts: a position in the list's order, after the last item of the page
 * before (keyset pagination). Opaque to callers, who only carry it from one {@link Page} to the
 * next request; it stays valid while the list changes, so walking every page never repeats an
 * item and never skips one that did not change meanwhile. Immutable.
 *
 * @param bytes the position in the order of the list's table keys; never empty
 */
public record PagePosition(byte[] bytes) {

    public PagePosition {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a page position is never empty");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The shortest position after {@code last} and not after {@code next}, two keys in increasing
     * order: a page that ended with {@code last} goes on with {@code next}, or with whatever was
     * added in between meanwhile.
     */
    static PagePosition between(byte[] last, byte[] next) {
        int common = Arrays.mismatch(last, next);
        if (common < 0 || common == next.length || (common < last.length
                && Byte.toUnsignedInt(last[common]) >= Byte.toUnsignedInt(next[common]))) {
            throw new IllegalArgumentException("keys out of order: " + HexFormat.of().formatHex(last) + " then "
                    + HexFormat.of().formatHex(next));
        }
        return new PagePosition(Arrays.copyOf(next, common + 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PagePosition position && Arrays.equals(bytes, position.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PagePosition[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
