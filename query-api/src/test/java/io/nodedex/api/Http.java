package io.nodedex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real HTTP(S) client of a server under test ({@link HttpClient}), and raw-socket exchanges. */
final class Http {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    Http(InetSocketAddress address) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), "http", address);
    }

    private Http(HttpClient client, String scheme, InetSocketAddress address) {
        this.client = client;
        this.base = scheme + "://" + address.getHostString() + ":" + address.getPort();
    }

    /** A client of {@code https://address} that trusts the certificate authority in the PEM file {@code ca}. */
    static Http https(InetSocketAddress address, Path ca) {
        return new Http(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(trusting(ca))
                .build(), "https", address);
    }

    /** A TLS context that trusts the certificates of the PEM file {@code ca}, and nothing else. */
    static SSLContext trusting(Path ca) {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot trust " + ca, e);
        }
    }

    /** An answer: status, headers, body. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        /** {@code error.code} of an error answer. */
        String errorCode() {
            return json().path("error").path("code").asText();
        }

        /** {@code error.message} of an error answer. */
        String errorMessage() {
            return json().path("error").path("message").asText();
        }
    }

    /** GET of a path and query, already percent-encoded. */
    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    /** GET with {@code Authorization: Bearer token}. */
    Reply get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token).GET()
                .build());
    }

    /** A request with headers given as name, value, name, value ... */
    Reply send(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    Reply sendBody(String method, String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Writes {@code request} as it is on a new connection and returns everything the server
     * sends until it closes the connection (end the last request with {@code Connection: close}).
     */
    static String raw(InetSocketAddress address, String request) {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("raw exchange with " + address + " failed", e);
        }
    }
}
