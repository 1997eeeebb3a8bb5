package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every client command shares: where the server is, the caller's token, the
 * authority to trust for {@code https://}, and tables or JSON.
 */
final class ClientOptions {

    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    static final String SERVER_VARIABLE = "NODEDEX_SERVER";
    static final String SERVER_OPTION = "--server";
    static final String TOKEN_VARIABLE = "NODEDEX_TOKEN";

    @Option(names = SERVER_OPTION, paramLabel = "URL",
            defaultValue = "${env:" + SERVER_VARIABLE + ":-" + DEFAULT_SERVER + "}",
            description = "The nodedex server (default: $" + SERVER_VARIABLE + ", else " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_VARIABLE + "}",
            description = "The bearer token to send, for a server with a token file (default: $" + TOKEN_VARIABLE
                    + "; prefer the variable: a command line is visible to other users).")
    Optional<String> token;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "Trust the certificate authority in this PEM file (or the server's own certificate) for an"
                    + " https:// server, instead of the system's authorities.")
    Optional<Path> caCertificate;

    @Option(names = "--json", description = "Print the server's JSON answer instead of a table (for scripts).")
    boolean json;

    /**
     * A client of {@link #serverUri()} with the token and the trust these options give.
     *
     * @throws InvalidInputException when the URL is not a server URL, {@code --ca-cert} cannot be
     *     used, or is given for a plain {@code http://} server
     */
    ApiClient client() {
        URI uri = serverUri();
        if (caCertificate.isPresent() && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidInputException("--ca-cert is for an https:// server; " + SERVER_OPTION + " is " + uri);
        }
        return new ApiClient(uri, token.map(String::strip).filter(t -> !t.isEmpty()),
                caCertificate.map(TrustedCertificates::of));
    }

    /** Whether a token is given. */
    boolean hasToken() {
        return token.filter(t -> !t.isBlank()).isPresent();
    }

    /**
     * The server's base URI, {@code http[s]://host[:port]} without a trailing slash.
     *
     * @throws InvalidInputException naming the value when it is not such a URL
     */
    URI serverUri() {
        String text = server.strip();
        String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            URI uri = new URI(base);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInputException("--server '" + server + "' is not a server URL: expected http[s]://HOST[:PORT],"
                + " e.g. " + DEFAULT_SERVER);
    }
}
