package io.nodedex.indexer;

import io.nodedex.device.NaturalOrder;
import java.util.Arrays;

/**
 * Byte encodings of text whose unsigned byte order is an order the API lists by, so that a
 * RocksDB scan reads rows in that order and a page can start at any position
 * (docs/design.md, "Order never changes the answer"). Both encodings can be read back.
 *
 * <ul>
 *   <li>{@link #text}: {@link String#compareTo} order (UTF-16 code units). Each code unit
 *       {@code c} is written as the UTF-8 form of the number {@code c + 1} (1 to 4 bytes): UTF-8
 *       keeps the order of the numbers, is prefix-free, and never writes a 0 byte for a number
 *       above 0. So a text may be followed by {@link #END} (0), which sorts before every
 *       longer text with the same beginning;</li>
 *   <li>{@link #name}: {@link NaturalOrder#NAMES} order. First the natural form: each non-digit
 *       code unit as in {@link #text}, each run of digits as the unit {@code '0' + 1}, the number
 *       of its significant digits ({@code + 1}, UTF-8 as above) and those digits ({@code 007}
 *       and {@code 7} alike), so runs compare as numbers and against other characters as a
 *       digit does; then {@link #END}; then the name as {@link #text}, which breaks ties as
 *       {@code NaturalOrder} does (plain string order). The natural form holds no 0 byte
 *       either.</li>
 * </ul>
 * Pure functions; thread-safe.
 */
final class SortKeys {

    /** Ends a text or a natural form that is followed by more. */
    static final int END = 0;

    private static final int DIGIT_RUN = '0' + 1;

    private SortKeys() {
    }

    /**
     * The bytes {@link #name} writes for a name of {@code length} ASCII characters, at most (a
     * natural form of one-digit runs, {@link #END}, the text): a writer of this much room never
     * grows for it.
     */
    static int nameCapacity(int length) {
        return 4 * length + 1;
    }

    /** Appends {@code text} in {@link String#compareTo} order (no terminator). */
    static void text(Writer out, String text) {
        out.ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x7F) {
                out.writeRoomy(c + 1);
            } else {
                unit(out, c + 1);
                out.ensure(text.length() - i - 1); // room for the rest again, one byte each
            }
        }
    }

    /** Appends {@code name} in {@link NaturalOrder#NAMES} order (no terminator after it). */
    static void name(Writer out, String name) {
        out.ensure(nameCapacity(name.length()));
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (isDigit(c)) {
                int end = i;
                while (end < name.length() && isDigit(name.charAt(end))) {
                    end++;
                }
                int significant = i;
                while (significant < end - 1 && name.charAt(significant) == '0') {
                    significant++;
                }
                out.write(DIGIT_RUN);
                unit(out, end - significant + 1);
                for (int d = significant; d < end; d++) {
                    out.write(name.charAt(d));
                }
                i = end;
            } else {
                unit(out, c + 1);
                i++;
            }
        }
        out.write(END);
        text(out, name);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The UTF-8 form of {@code value} (1 to 0x1FFFFF). */
    private static void unit(Writer out, int value) {
        if (value < 0x80) {
            out.write(value);
        } else if (value < 0x800) {
            out.write(0xC0 | value >>> 6);
            out.write(0x80 | value & 0x3F);
        } else if (value < 0x10000) {
            out.write(0xE0 | value >>> 12);
            out.write(0x80 | value >>> 6 & 0x3F);
            out.write(0x80 | value & 0x3F);
        } else if (value < 0x200000) {
            out.write(0xF0 | value >>> 18);
            out.write(0x80 | value >>> 12 & 0x3F);
            out.write(0x80 | value >>> 6 & 0x3F);
            out.write(0x80 | value & 0x3F);
        } else {
            throw new IllegalArgumentException("a sort key cannot hold the number " + value);
        }
    }

    /** Writes a key: a growable byte array, confined to one thread. */
    static final class Writer {
        private byte[] bytes;
        private int length;

        Writer(int capacity) {
            bytes = new byte[Math.max(capacity, 16)];
        }

        /** Makes room for {@code more} bytes at least (more are made as needed). */
        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void write(int value) {
            if (length == bytes.length) {
                ensure(1);
            }
            bytes[length++] = (byte) value;
        }

        /** {@link #write}, where {@link #ensure} made room for it. */
        private void writeRoomy(int value) {
            bytes[length++] = (byte) value;
        }

        void writeLong(long value) {
            ensure(Long.BYTES);
            for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
                bytes[length++] = (byte) (value >>> shift);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /** Reads encoded text back, from a position in a key on. Confined to one thread. */
    static final class Reader {
        private final byte[] key;
        private int at;

        Reader(byte[] key, int offset) {
            this.key = key;
            this.at = offset;
        }

        /** Reads a {@link SortKeys#text text} up to the end of the key or past its {@link #END}. */
        String text() {
            StringBuilder text = new StringBuilder();
            while (at < key.length && key[at] != END) {
                text.append((char) (unit() - 1));
            }
            skipEnd();
            return text.toString();
        }

        /** Reads a {@link SortKeys#name name} up to the end of the key or past its {@link #END}. */
        String name() {
            while (at < key.length && key[at] != END) {
                at++; // the natural form holds no 0 byte
            }
            if (at == key.length) {
                throw malformed();
            }
            at++;
            return text();
        }

        /** Whether everything was read. */
        boolean atEnd() {
            return at == key.length;
        }

        /** The next byte, which must be there. */
        int next() {
            if (at == key.length) {
                throw malformed();
            }
            return key[at++] & 0xFF;
        }

        private void skipEnd() {
            if (at < key.length) {
                at++;
            }
        }

        private int unit() {
            int lead = next();
            if (lead < 0x80) {
                return lead;
            }
            int continuations = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
            if (continuations < 0) {
                throw malformed();
            }
            int value = lead & (0x3F >>> continuations);
            for (int i = 0; i < continuations; i++) {
                int continuation = next();
                if ((continuation & 0xC0) != 0x80) {
                    throw malformed();
                }
                value = value << 6 | continuation & 0x3F;
            }
            return value;
        }

        private IllegalStateException malformed() {
            return new IllegalStateException("inconsistent indexer database: a malformed key; rebuild it");
        }
    }
}
