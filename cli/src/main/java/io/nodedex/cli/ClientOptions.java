package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** The options every client command shares: where the server is, and tables or JSON. */
final class ClientOptions {

    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    static final String SERVER_VARIABLE = "NODEDEX_SERVER";
    static final String SERVER_OPTION = "--server";

    @Option(names = SERVER_OPTION, paramLabel = "URL",
            defaultValue = "${env:" + SERVER_VARIABLE + ":-" + DEFAULT_SERVER + "}",
            description = "The nodedex server (default: $" + SERVER_VARIABLE + ", else " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--json", description = "Print the server's JSON answer instead of a table (for scripts).")
    boolean json;

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
        throw new InvalidInputException("--server '" + server + "' is not a server URL: expected http://HOST[:PORT],"
                + " e.g. " + DEFAULT_SERVER);
    }
}
