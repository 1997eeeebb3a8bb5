package io.nodedex.kafka.embedded;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How an embedded broker or cluster secures the listener its clients use, as a production cluster
 * would: {@link #saslSsl(Map)}, TLS with a certificate made when the broker starts and SASL with
 * SCRAM-SHA-512 for the given users. Without it a broker listens in plaintext.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
 *         .security(KafkaSecurity.saslSsl(Map.of("nodedex", "s3cret"))).start()) {
 *     Map<String, String> client = kafka.clientProperties("nodedex", "s3cret"); // security.protocol, ssl.*, sasl.*
 * }
 * }</pre>
 *
 * <p>The users are created when a data directory is formatted (as {@code kafka-storage format
 * --add-scram} does), so a broker restarted on the same directory keeps the users it was formatted
 * with. Immutable and thread-safe.
 *
 * @param scramUsers the SCRAM-SHA-512 users, name to password
 */
public record KafkaSecurity(Map<String, String> scramUsers) {

    /** The SASL mechanism of the secured listener. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /** Names and passwords pass through Kafka's {@code --add-scram} syntax and a JAAS line unquoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._@+-]+");

    /**
     * @throws IllegalArgumentException when there is no user, or a name or password holds anything
     *     but letters, digits and {@code . _ @ + -}
     */
    public KafkaSecurity {
        scramUsers = Map.copyOf(Objects.requireNonNull(scramUsers, "scramUsers"));
        if (scramUsers.isEmpty()) {
            throw new IllegalArgumentException("a SASL listener needs at least one SCRAM user");
        }
        scramUsers.forEach((name, password) -> {
            if (!PLAIN.matcher(name).matches() || !PLAIN.matcher(password).matches()) {
                throw new IllegalArgumentException("SCRAM user '" + name + "': names and passwords may hold letters,"
                        + " digits and . _ @ + - only");
            }
        });
    }

    /**
     * A SASL_SSL listener: TLS, and SCRAM-SHA-512 for {@code users}.
     *
     * @param users name to password
     */
    public static KafkaSecurity saslSsl(Map<String, String> users) {
        return new KafkaSecurity(users);
    }

    @Override
    public String toString() {
        return "KafkaSecurity[SASL_SSL, " + SCRAM_MECHANISM + " users " + new TreeSet<>(scramUsers.keySet())
                + "]";
    }
}
