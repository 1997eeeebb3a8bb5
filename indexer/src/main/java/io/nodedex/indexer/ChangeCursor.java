package io.nodedex.indexer;

import io.nodedex.device.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a watcher stands in the change feed (docs/design.md, "Watching changes"): for each
 * partition of the events topic, the offset of the first record whose changes it has not all
 * seen, and how many of that record's changes it has seen. Made of log positions, so it means the
 * same on every replica of the same topic and survives restarts. Its text form is opaque to
 * clients (URL-safe base64). Immutable.
 *
 * @param positions partition → position; a partition not listed is read from its start
 */
public record ChangeCursor(SortedMap<Integer, Position> positions) {

    private static final byte VERSION = 1;
    /** The cursor before every change: the feed from its beginning, while nothing was pruned. */
    public static final ChangeCursor START = new ChangeCursor(new TreeMap<>());
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public ChangeCursor {
        positions = Collections.unmodifiableSortedMap(new TreeMap<>(positions));
    }

    /**
     * A position in one partition.
     *
     * @param offset the first record whose changes were not all seen
     * @param seen how many changes of that record were seen, in the feed's order
     */
    public record Position(long offset, int seen) {
        public Position {
            if (offset < 0 || seen < 0) {
                throw new IllegalArgumentException("not a change position: offset " + offset + ", seen " + seen);
            }
        }
    }

    /** The cursor of a watcher that has seen every change of the records before {@code offsets}. */
    static ChangeCursor before(Map<Integer, Long> offsets) {
        SortedMap<Integer, Position> positions = new TreeMap<>();
        offsets.forEach((partition, offset) -> positions.put(partition, new Position(offset, 0)));
        return new ChangeCursor(positions);
    }

    /** The position in {@code partition}; the partition's start when not listed. */
    Position in(int partition) {
        return positions.getOrDefault(partition, new Position(0, 0));
    }

    ChangeCursor with(int partition, Position position) {
        SortedMap<Integer, Position> next = new TreeMap<>(positions);
        next.put(partition, position);
        return new ChangeCursor(next);
    }

    /** The opaque text form, for clients to pass back. */
    public String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        writeVarLong(out, positions.size());
        positions.forEach((partition, position) -> {
            writeVarLong(out, partition);
            writeVarLong(out, position.offset());
            writeVarLong(out, position.seen());
        });
        return ENCODER.encodeToString(out.toByteArray());
    }

    /**
     * The cursor a client passed back.
     *
     * @throws InvalidInputException when it is not a cursor of this feed (malformed, truncated, or
     *     of another version)
     */
    public static ChangeCursor parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("unknown version");
            }
            long count = readVarLong(in);
            if (count > 100_000) {
                throw new IllegalArgumentException("too many partitions");
            }
            SortedMap<Integer, Position> positions = new TreeMap<>();
            int previous = -1;
            for (long i = 0; i < count; i++) {
                long partition = readVarLong(in);
                if (partition <= previous || partition > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("partitions out of order");
                }
                long offset = readVarLong(in);
                long seen = readVarLong(in);
                if (seen > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("count out of range");
                }
                positions.put((int) partition, new Position(offset, (int) seen));
                previous = (int) partition;
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new ChangeCursor(positions);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new InvalidInputException("'" + abbreviate(text) + "' is not a cursor of the change feed (" +
                    (e.getMessage() == null ? "truncated" : e.getMessage()) + "); start from a cursor it gave");
        }
    }

    @Override
    public String toString() {
        return text();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("number out of range");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("number too long");
    }
}
