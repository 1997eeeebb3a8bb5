package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.device.InvalidInputException;
import io.nodedex.indexer.Page;
import io.nodedex.indexer.PageRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pagination of the list routes: the page a request asks for ({@value #LIMIT}, default
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}, and an opaque {@value #CURSOR}), and the
 * {@code "next"} cursor of the answer, present while more items follow. Pages follow the route's
 * total order; a cursor holds the position after the last item returned ({@link Cursor}), so
 * walking every page while the replica applies events never repeats an item and never skips one
 * that did not change meanwhile. Immutable.
 */
final class Paging {

    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    /** The field of an answer that holds the next page's cursor. */
    static final String NEXT = "next";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    private final String route;
    private final byte[] digest;
    private final PageRequest page;

    private Paging(String route, byte[] digest, PageRequest page) {
        this.route = route;
        this.digest = digest;
        this.page = page;
    }

    /**
     * The page {@code request} asks for.
     *
     * @param route the route's template, e.g. {@code /v1/hosts/{host}/devices}
     * @param filters what selects the list besides the route (path and query parameters, by
     *     name, each as a canonical value), which a cursor must have been made for
     * @throws InvalidInputException for a bad {@value #LIMIT}
     * @throws ApiException {@link ErrorCode#BAD_CURSOR} for a bad {@value #CURSOR}
     */
    static Paging of(ApiRequest request, String route, Map<String, String> filters) {
        return of(request, route, new TreeMap<>(filters), new TreeSet<>(filters.keySet()));
    }

    /**
     * The page {@code request} asks for of a list that may be asked for as of a past time
     * ({@link AsOf}): the time is one of the filters when given, so a cursor taken now, or as of
     * another time, is refused as made for another query.
     */
    static Paging of(ApiRequest request, String route, Map<String, String> filters, Optional<Instant> asOf) {
        SortedSet<String> names = new TreeSet<>(filters.keySet());
        names.add(AsOf.PARAMETER);
        return of(request, route, new TreeMap<>(AsOf.withTime(filters, asOf)), names);
    }

    private static Paging of(ApiRequest request, String route, SortedMap<String, String> filters,
            SortedSet<String> names) {
        byte[] digest = digest(route, filters);
        int limit = request.query(LIMIT).map(Paging::limit).orElse(DEFAULT_LIMIT);
        Optional<String> cursor = request.query(CURSOR);
        PageRequest page = cursor.isEmpty() ? PageRequest.first(limit)
                : PageRequest.at(Cursor.decode(cursor.get(), route, digest, String.join(", ", names)), limit);
        return new Paging(route, digest, page);
    }

    /** The page to read. */
    PageRequest page() {
        return page;
    }

    /** Adds {@code "next"} to {@code body} when {@code read} is not the last page; returns {@code body}. */
    ObjectNode withNext(ObjectNode body, Page<?> read) {
        read.next().ifPresent(next -> body.put(NEXT, Cursor.encode(route, digest, next)));
        return body;
    }

    private static int limit(String value) {
        String range = "give 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")";
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("query parameter " + LIMIT + ": '" + value + "' is not a whole number; "
                    + range);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("query parameter " + LIMIT + ": " + limit + " is out of range; " + range);
        }
        return limit;
    }

    /** The first {@value Cursor#DIGEST_BYTES} bytes of the SHA-256 of the route and its filters. */
    private static byte[] digest(String route, SortedMap<String, String> filters) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        update(sha256, route);
        filters.forEach((name, value) -> {
            update(sha256, name);
            update(sha256, value);
        });
        byte[] digest = new byte[Cursor.DIGEST_BYTES];
        System.arraycopy(sha256.digest(), 0, digest, 0, digest.length);
        return digest;
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
