package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.net.UrlEscapers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The nodedex query API over HTTP or HTTPS, as the client commands use it: one {@code GET}, with
 * the caller's bearer token if any, and its answer (status and JSON body). A server that cannot
 * be reached in time, or whose certificate is not trusted, is a {@link Failure} with
 * {@link ExitCodes#UNAVAILABLE}. Thread-safe.
 */
final class ApiClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI server;
    private final Optional<String> token;
    private final HttpClient http;

    /** A client of the server at {@code server} ({@code http://host:port}, no path), without a token. */
    ApiClient(URI server) {
        this(server, Optional.empty(), Optional.empty());
    }

    /**
     * A client of {@code server} ({@code http[s]://host:port}, no path) that sends {@code token}
     * as {@code Authorization: Bearer}, and for {@code https://} trusts what {@code tls} trusts
     * (else the system's authorities).
     */
    ApiClient(URI server, Optional<String> token, Optional<SSLContext> tls) {
        this.server = server;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /**
     * {@code GET} of {@code pathSegments} (each escaped) with {@code query} parameters, e.g.
     * {@code get(List.of("v1", "wwpn", wwpn), Map.of())}.
     *
     * @throws Failure when the server is unreachable or times out, or its answer is not JSON
     */
    Answer get(List<String> pathSegments, Map<String, String> query) {
        return send("GET", pathSegments, query, Optional.empty(), REQUEST_TIMEOUT);
    }

    /**
     * A write ({@code POST}, {@code DELETE}) of {@code pathSegments} with {@code query} parameters
     * and, for a {@code POST}, a JSON {@code body}; waits up to {@code timeout} for the answer.
     *
     * @throws Failure as {@link #get}
     */
    Answer write(String method, List<String> pathSegments, Map<String, String> query, Optional<String> body,
            Duration timeout) {
        return send(method, pathSegments, query, body, timeout);
    }

    private Answer send(String method, List<String> pathSegments, Map<String, String> query, Optional<String> body,
            Duration timeout) {
        String path = pathSegments.stream().map(UrlEscapers.urlPathSegmentEscaper()::escape)
                .collect(Collectors.joining("/", "/", ""));
        String parameters = query.entrySet().stream()
                .map(p -> UrlEscapers.urlFormParameterEscaper().escape(p.getKey()) + "="
                        + UrlEscapers.urlFormParameterEscaper().escape(p.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(server + path + (parameters.isEmpty() ? "" : "?" + parameters));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body.map(text -> HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                        .orElseGet(HttpRequest.BodyPublishers::noBody));
        body.ifPresent(text -> request.header("Content-Type", "application/json"));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (SSLHandshakeException e) {
            throw new Failure(ExitCodes.UNAVAILABLE, "no TLS connection to the nodedex server at " + server + ": "
                    + e.getMessage() + ". If its certificate is signed by your own authority, trust it with"
                    + " --ca-cert FILE.");
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer to " + method + " " + path + " within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        try {
            return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new Failure(ExitCodes.FAILURE, "the server at " + server + " answered " + method + " " + path + " with status "
                    + response.statusCode() + " and a body that is not JSON: " + abbreviated(response.body()));
        }
    }

    private Failure unreachable(String why) {
        return new Failure(ExitCodes.UNAVAILABLE, "cannot reach the nodedex server at " + server + ": " + why
                + ". Is it running? Start one with `./nodedex all-in-one`, or point --server (or NODEDEX_SERVER)"
                + " at one.");
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    /** The server's answer: its HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {

        /** The message of an error answer ({@code {"error": {"code": .., "message": ..}}}), if it is one. */
        Optional<String> errorMessage() {
            JsonNode message = body.path("error").path("message");
            return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
        }

        /**
         * What the status means to a script: 2xx ok, 400 bad input, 401 and 403 denied, 404 not
         * found, 409 conflict, 503 unavailable.
         */
        int exitCode() {
            if (status >= 200 && status < 300) {
                return ExitCodes.OK;
            }
            return switch (status) {
                case 400 -> ExitCodes.BAD_INPUT;
                case 401, 403 -> ExitCodes.DENIED;
                case 404 -> ExitCodes.NOT_FOUND;
                case 409 -> ExitCodes.CONFLICT;
                case 410 -> ExitCodes.GONE;
                case 503 -> ExitCodes.UNAVAILABLE;
                default -> ExitCodes.FAILURE;
            };
        }
    }

    /** The command cannot go on: the message for standard error and the exit code. */
    static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
