package io.nodedex.api;

import io.nodedex.indexer.PagePosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The {@code cursor} of a paged list route, opaque to clients: which route and which query it was
 * made for, and the position after the last item of the page that returned it
 * ({@link PagePosition}). Its bytes, written base64url without padding:
 *
 * <pre>
 * version (1 byte, {@value #VERSION}) | route length (1 byte) | route template (UTF-8)
 *   | query digest (8 bytes) | position (1 or more bytes) | CRC-32 of everything before (4 bytes)
 * </pre>
 *
 * The query digest covers the parameters that select the list (a host, a WWN, a capability), so a
 * cursor only continues the list it came from. Pure functions; thread-safe.
 */
final class Cursor {

    /** The format version; a cursor of another version is refused. */
    static final int VERSION = 1;
    static final int DIGEST_BYTES = 8;
    private static final int CHECKSUM_BYTES = 4;

    private Cursor() {
    }

    /** The cursor of {@code position} in the list {@code route} answers for the query {@code digest}. */
    static String encode(String route, byte[] digest, PagePosition position) {
        byte[] routeBytes = route.getBytes(StandardCharsets.UTF_8);
        byte[] positionBytes = position.bytes();
        ByteBuffer buffer = ByteBuffer.allocate(2 + routeBytes.length + DIGEST_BYTES + positionBytes.length
                + CHECKSUM_BYTES);
        buffer.put((byte) VERSION).put((byte) routeBytes.length).put(routeBytes).put(digest, 0, DIGEST_BYTES)
                .put(positionBytes);
        buffer.putInt(checksum(buffer.array(), buffer.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * The position {@code text} holds, when it is a cursor of this format made for {@code route}
     * and the query {@code digest}.
     *
     * @param filters the names of the parameters the digest covers, for the message
     * @throws ApiException {@link ErrorCode#BAD_CURSOR} naming what is wrong
     */
    static PagePosition decode(String text, String route, byte[] digest, String filters) {
        if (text.isBlank()) {
            throw bad("is given but blank");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw bad("is not a cursor: it is not base64url (" + e.getMessage() + ")");
        }
        if (bytes.length < 2 + DIGEST_BYTES + 1 + CHECKSUM_BYTES
                || checksum(bytes, bytes.length - CHECKSUM_BYTES)
                        != ByteBuffer.wrap(bytes).getInt(bytes.length - CHECKSUM_BYTES)) {
            throw bad("is damaged or was not made by this server");
        }
        if (bytes[0] != VERSION) {
            throw bad("has format version " + Byte.toUnsignedInt(bytes[0]) + "; this server reads version " + VERSION);
        }
        int routeLength = Byte.toUnsignedInt(bytes[1]);
        int positionAt = 2 + routeLength + DIGEST_BYTES;
        if (positionAt >= bytes.length - CHECKSUM_BYTES) {
            throw bad("is damaged or was not made by this server");
        }
        String madeFor = new String(bytes, 2, routeLength, StandardCharsets.UTF_8);
        if (!madeFor.equals(route)) {
            throw bad("was made for GET " + madeFor + ", not for GET " + route);
        }
        if (!Arrays.equals(bytes, 2 + routeLength, positionAt, digest, 0, DIGEST_BYTES)) {
            throw bad(filters.isEmpty() ? "is damaged or was not made by this server"
                    : "was made for another query of GET " + route + ": give the same " + filters
                            + " as the request that returned it");
        }
        return new PagePosition(Arrays.copyOfRange(bytes, positionAt, bytes.length - CHECKSUM_BYTES));
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static ApiException bad(String problem) {
        return new ApiException(ErrorCode.BAD_CURSOR, "query parameter " + Paging.CURSOR + " " + problem
                + "; walk the list again from its first page, without " + Paging.CURSOR);
    }
}
