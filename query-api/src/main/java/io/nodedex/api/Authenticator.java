package io.nodedex.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.nodedex.api.TokenFile.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a request may call its route (docs/design.md, "API authentication"): the
 * request's {@code Authorization: Bearer TOKEN} is hashed with SHA-256 and compared with every
 * hash of the token file in constant time ({@link MessageDigest#isEqual}); the token's role must
 * grant the role the route needs ({@link Route#role()}). A missing, malformed or unknown token is
 * a 401 with {@code WWW-Authenticate: Bearer}, a role without the right a 403. The token itself is
 * never echoed or logged.
 *
 * <p>{@link #open()} authenticates nobody and lets every request through: a server without a
 * token file (on loopback, or told so explicitly), and the operational listener.
 *
 * <p>Immutable; safe from any thread (each call takes its own digest).
 */
final class Authenticator {

    /** RFC 6750's b64token, after the scheme. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9._~+/-]+=*) *");
    private static final String CHALLENGE = "Bearer realm=\"nodedex\"";

    private final Optional<List<Token>> tokens;

    private Authenticator(Optional<List<Token>> tokens) {
        this.tokens = tokens;
    }

    /** Lets every request through. */
    static Authenticator open() {
        return new Authenticator(Optional.empty());
    }

    /** Lets through the requests bearing one of {@code tokens} whose role grants the route's. */
    static Authenticator of(List<Token> tokens) {
        return new Authenticator(Optional.of(List.copyOf(tokens)));
    }

    /** Whether requests are checked at all. */
    boolean enabled() {
        return tokens.isPresent();
    }

    /**
     * Why a request with {@code headers} may not call {@code route} (e.g. {@code GET /metrics}),
     * which needs {@code needed}: empty when it may.
     */
    Optional<ApiResponse> refusal(HttpHeaders headers, Role needed, String route) {
        if (tokens.isEmpty() || needed == Role.ANYONE) {
            return Optional.empty();
        }
        List<String> given = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (given.isEmpty()) {
            return Optional.of(unauthorized(route + " needs a bearer token: send Authorization: Bearer TOKEN",
                    CHALLENGE));
        }
        if (given.size() > 1) {
            return Optional.of(unauthorized("the request carries " + given.size()
                    + " Authorization headers; send one", CHALLENGE + ", error=\"invalid_request\""));
        }
        Matcher bearer = BEARER.matcher(given.get(0));
        if (!bearer.matches()) {
            return Optional.of(unauthorized("the Authorization header is not a bearer token; send Authorization:"
                    + " Bearer TOKEN", CHALLENGE + ", error=\"invalid_request\""));
        }
        Optional<Token> token = find(bearer.group(1));
        if (token.isEmpty()) {
            return Optional.of(unauthorized("the bearer token is not one this server knows",
                    CHALLENGE + ", error=\"invalid_token\""));
        }
        if (!token.get().role().grants(needed)) {
            return Optional.of(ApiResponse.error(ErrorCode.FORBIDDEN, "the token of '" + token.get().name()
                    + "' has the role " + token.get().role().wireName() + "; " + route + " needs the role "
                    + needed.wireName(), Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(),
                            CHALLENGE + ", error=\"insufficient_scope\"")));
        }
        return Optional.empty();
    }

    /** The token whose hash is that of {@code presented}; every hash is compared, in constant time. */
    private Optional<Token> find(String presented) {
        byte[] hash = sha256().digest(presented.getBytes(StandardCharsets.UTF_8));
        Token match = null;
        for (Token token : tokens.orElseThrow()) {
            if (MessageDigest.isEqual(hash, token.sha256()) && match == null) {
                match = token;
            }
        }
        return Optional.ofNullable(match);
    }

    private static ApiResponse unauthorized(String message, String challenge) {
        return ApiResponse.error(ErrorCode.UNAUTHORIZED, message,
                Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), challenge));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
