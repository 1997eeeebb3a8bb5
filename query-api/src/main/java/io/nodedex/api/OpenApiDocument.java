package io.nodedex.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3 description of the API, {@code openapi.json} on the class path (kept in the
 * repository as {@code query-api/src/main/resources/openapi.json}), served verbatim at
 * {@code /openapi.json}. A test keeps it equal to the router's table.
 */
final class OpenApiDocument {

    static final String RESOURCE = "/openapi.json";

    private OpenApiDocument() {
    }

    /** The document's bytes, checked to be JSON. */
    static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the class path holds no " + RESOURCE + ": a broken build");
            }
            byte[] bytes = in.readAllBytes();
            Json.parse(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
    }
}
