package io.nodedex.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The web page's files (HTML, JavaScript modules, CSS, icons), read once from the class path
 * under {@value #RESOURCE_DIRECTORY} and served as they are: {@code index.html} at {@code /},
 * every other file at its path under that directory ({@code ui/app.js} at {@code /ui/app.js}).
 * They hold no data, so they need no token (like {@code /healthz}); the page reads everything
 * through the {@code /v1} routes, with the caller's token.
 *
 * <p>Every answer carries its content type, a strong {@code ETag} (a digest of the bytes) with
 * {@code Cache-Control: no-cache} (a browser revalidates, and gets a 304 while the file is
 * unchanged), and a Content-Security-Policy that lets the page load only its own files and talk
 * only to its own origin, with no inline script or style. A file whose type is not known is a
 * broken build, refused when the server starts. Immutable; thread-safe.
 */
final class WebAssets {

    static final String RESOURCE_DIRECTORY = "/io/nodedex/api/web";
    /** The route tag of the page, {@code /}, in the request metrics. */
    static final String PAGE_ROUTE = "/";
    /** The route tag of every other file in the request metrics (bounded: the files are fixed). */
    static final String FILE_ROUTE = "/ui/{file}";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'; object-src 'none'";
    static final String ALLOWED = "GET, HEAD";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** One file: where it is served, its type, its bytes and their entity tag. */
    record Asset(String path, String contentType, byte[] body, String etag) {
        /** The metrics' route tag. */
        String route() {
            return path.equals(PAGE_ROUTE) ? PAGE_ROUTE : FILE_ROUTE;
        }
    }

    private final Map<String, Asset> byPath;

    private WebAssets(Map<String, Asset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Serves nothing: the operators' listener. */
    static WebAssets none() {
        return new WebAssets(Map.of());
    }

    /**
     * Every file under {@value #RESOURCE_DIRECTORY} on the class path (a directory, or a jar).
     *
     * @throws IllegalStateException when the directory is missing, holds no {@code index.html}, or
     *     holds a file of an unknown type: a broken build
     */
    static WebAssets load() {
        URL root = WebAssets.class.getResource(RESOURCE_DIRECTORY);
        if (root == null) {
            throw new IllegalStateException("the class path holds no " + RESOURCE_DIRECTORY + ": a broken build");
        }
        try {
            URI uri = root.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return of(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return of(jar.getPath(RESOURCE_DIRECTORY));
            } catch (FileSystemAlreadyExistsException e) {
                return of(FileSystems.getFileSystem(uri).getPath(RESOURCE_DIRECTORY));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + root + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page's files at " + root, e);
        }
    }

    /** The files under {@code directory}, read now. */
    static WebAssets of(Path directory) throws IOException {
        Map<String, Asset> assets = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> tree = Files.walk(directory)) {
            files = tree.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            String path = relative.equals("index.html") ? PAGE_ROUTE : "/" + relative;
            byte[] body = Files.readAllBytes(file);
            assets.put(path, new Asset(path, contentType(relative), body, etag(body)));
        }
        if (!assets.containsKey(PAGE_ROUTE)) {
            throw new IllegalStateException(directory + " holds no index.html: a broken build");
        }
        return new WebAssets(assets);
    }

    /** The file served at the raw request path, if any. */
    Optional<Asset> find(String rawPath) {
        return Optional.ofNullable(byPath.get(rawPath));
    }

    /** The paths served, sorted. */
    List<String> paths() {
        return byPath.keySet().stream().sorted().toList();
    }

    /**
     * The answer to a {@code GET} (or {@code HEAD}) of {@code asset}: the file, or 304 without a
     * body when the request's {@code If-None-Match} names its entity tag.
     */
    static ApiResponse answer(Asset asset, HttpHeaders request) {
        Map<String, String> headers = Map.of(
                HttpHeaderNames.ETAG.toString(), asset.etag(),
                HttpHeaderNames.CACHE_CONTROL.toString(), "no-cache",
                HttpHeaderNames.CONTENT_SECURITY_POLICY.toString(), CONTENT_SECURITY_POLICY,
                "x-content-type-options", "nosniff",
                "referrer-policy", "no-referrer");
        if (matches(request.getAll(HttpHeaderNames.IF_NONE_MATCH), asset.etag())) {
            return new ApiResponse(HttpResponseStatus.NOT_MODIFIED, asset.contentType(), new byte[0], headers);
        }
        return new ApiResponse(HttpResponseStatus.OK, asset.contentType(), asset.body(), headers);
    }

    /** Whether an {@code If-None-Match} list names {@code etag} (RFC 9110: weak comparison, or {@code *}). */
    private static boolean matches(List<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String tag : header.split(",")) {
                String candidate = tag.strip();
                if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String contentType(String relative) {
        int dot = relative.lastIndexOf('.');
        String extension = dot < 0 ? "" : relative.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = CONTENT_TYPES.get(extension);
        if (type == null) {
            throw new IllegalStateException("the web page's file " + relative + " has no known content type (known: "
                    + String.join(", ", new TreeMap<>(CONTENT_TYPES).keySet()) + "): a broken build");
        }
        return type;
    }

    /** A strong entity tag: the first 128 bits of the SHA-256 of the bytes. */
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
