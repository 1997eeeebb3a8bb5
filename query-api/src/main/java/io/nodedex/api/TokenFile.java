package io.nodedex.api;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a token file ({@code serve --tokens FILE}): one token a line, as
 * {@code <sha256-hex-of-token> <role> <name>} separated by spaces or tabs, e.g.
 *
 * <pre>
 * # who may call the API; the tokens themselves are never stored here
 * 142d880975fd8d63254c0465c338edbae6b8eeb3ebefbe0a5cd3c2ec897ddf05 read  inventory-dashboard
 * d2eadfb6e52d65b4bbf254e5046c0c495328b4d208f8b1591c229e62c5c6362f admin ops-alice
 * </pre>
 *
 * The hash is the SHA-256 of the token's UTF-8 bytes in 64 hex digits (either case), as
 * {@code printf %s TOKEN | sha256sum} prints it; the role is {@code read} or {@code admin}; the
 * name (no spaces) says whose token it is in messages and logs. {@code #} starts a comment; blank
 * lines are ignored. Anything else is refused, naming the file, the line and what is wrong,
 * without echoing the line (a token pasted by mistake in place of its hash stays out of the logs).
 */
final class TokenFile {

    private static final Pattern FIELDS = Pattern.compile("[ \\t]+");
    private static final int HASH_HEX_DIGITS = 64;

    /** One token: the SHA-256 of its bytes, its role and whose it is. */
    record Token(byte[] sha256, Role role, String name) {
    }

    private TokenFile() {
    }

    /**
     * The tokens of {@code file}, in file order.
     *
     * @throws InvalidInputException naming the file (and the line) when it cannot be read, a line
     *     is malformed, a hash is given twice, or it holds no token at all
     */
    static List<Token> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new InvalidInputException("token file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read token file " + file + ": " + e);
        }
        List<Token> tokens = new ArrayList<>();
        Map<String, Integer> lineOfHash = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String content = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (content.isEmpty()) {
                continue;
            }
            Token token = parse(content, file + ":" + number);
            String hex = HexFormat.of().formatHex(token.sha256());
            Integer earlier = lineOfHash.putIfAbsent(hex, number);
            if (earlier != null) {
                throw new InvalidInputException(file + ":" + number + ": the same token hash as line " + earlier
                        + "; give each token once");
            }
            tokens.add(token);
        }
        if (tokens.isEmpty()) {
            throw new InvalidInputException("token file " + file + " holds no token; each line is"
                    + " '<sha256-hex-of-token> <read|admin> <name>'");
        }
        return List.copyOf(tokens);
    }

    private static Token parse(String content, String where) {
        String[] fields = FIELDS.split(content);
        if (fields.length != 3) {
            throw new InvalidInputException(where + ": expected 3 fields '<sha256-hex-of-token> <read|admin> <name>',"
                    + " found " + fields.length);
        }
        String hash = fields[0];
        if (hash.length() != HASH_HEX_DIGITS || !hash.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new InvalidInputException(where + ": the first field must be the SHA-256 of the token as "
                    + HASH_HEX_DIGITS + " hex digits (printf %s TOKEN | sha256sum); it has " + hash.length()
                    + " characters" + (hash.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? "" : ", not all hex"));
        }
        Role role = switch (fields[1]) {
            case "read" -> Role.READ;
            case "admin" -> Role.ADMIN;
            default -> throw new InvalidInputException(where + ": unknown role '" + fields[1]
                    + "'; the roles are read and admin");
        };
        return new Token(HexFormat.of().parseHex(hash), role, fields[2]);
    }
}
