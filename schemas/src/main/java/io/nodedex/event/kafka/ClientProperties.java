package io.nodedex.event.kafka;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client properties an operator gives nodedex (TLS, SASL, timeouts, tuning), for every
 * producer, consumer and admin client a command creates: {@code security.protocol},
 * {@code ssl.truststore.location}, {@code ssl.keystore.*}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, and so on. Each client gets the properties it knows ({@link #producer()},
 * {@link #consumer()}, {@link #admin()}) over its own settings.
 *
 * <p>Refused, each with an error naming the key:
 * <ul>
 *   <li>the keys nodedex sets itself because the log's guarantees depend on them
 *       ({@link #RESERVED}): where the cluster is ({@code bootstrap.servers}: the command's
 *       {@code --bootstrap-servers}), how records are (de)serialized, {@code acks=all} and
 *       idempotence, no transactions, no consumer group and no automatic commits or offset
 *       resets, and each client's id ({@code nodedex-agent-<host>}, {@code nodedex-indexer}, ...);</li>
 *   <li>keys that no Kafka producer, consumer or admin client knows (a misspelt key would
 *       otherwise be ignored with a warning and the connection fail for another reason), except
 *       the {@code config.providers.*} family.</li>
 * </ul>
 * Every other key is applied last, over nodedex's own tuning (e.g. the agent's {@code linger.ms}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the keys, never the values, which may
 * hold secrets.
 *
 * @param values the properties, by key
 * @throws InvalidInputException when a key is reserved or unknown
 */
public record ClientProperties(Map<String, String> values) {

    /** Why nodedex sets each reserved key itself. */
    private static final Map<String, String> REASONS = reasons();

    /** The keys nodedex sets on its clients itself; given here, they are refused. */
    public static final Set<String> RESERVED = REASONS.keySet();

    /** No properties: plaintext, every client's defaults. */
    public static final ClientProperties NONE = new ClientProperties(Map.of());

    private static final String CONFIG_PROVIDERS_PREFIX = "config.providers.";

    public ClientProperties {
        values = Map.copyOf(values);
        for (String key : new TreeSet<>(values.keySet())) {
            if (RESERVED.contains(key)) {
                throw new InvalidInputException("Kafka client property '" + key + "' is set by nodedex itself and"
                        + " cannot be given: " + REASONS.get(key));
            }
            if (!knownToAnyClient(key)) {
                throw new InvalidInputException("'" + key + "' is not a Kafka client property (no producer, consumer"
                        + " or admin client knows it)");
            }
        }
    }

    /**
     * Reads {@code file} as Kafka's own tools read a client config file ({@link Properties#load(InputStream)}:
     * ISO 8859-1, {@code \\uXXXX} escapes) and checks its keys.
     *
     * @throws InvalidInputException when the file is missing or unreadable (naming it), or a key is
     *     reserved or unknown (naming the file and the key)
     */
    public static ClientProperties load(Path file) {
        return of(read(file), file);
    }

    /**
     * Reads {@code file} into plain properties without checking them, for a caller that takes some
     * keys out first (e.g. {@code bootstrap.servers}, which a command may accept from its config
     * file); then {@link #of(Map, Path)}.
     *
     * @throws InvalidInputException when the file is missing or unreadable, naming it
     */
    public static Map<String, String> read(Path file) {
        Objects.requireNonNull(file, "file");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Kafka client config " + file + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a malformed \\u escape
            throw new InvalidInputException("cannot read Kafka client config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /**
     * {@code values}, read from {@code file}, checked.
     *
     * @throws InvalidInputException as the constructor, the message naming the file
     */
    public static ClientProperties of(Map<String, String> values, Path file) {
        try {
            return new ClientProperties(values);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * These properties with {@code more} added (replacing the same keys), checked.
     *
     * @throws InvalidInputException when a key of {@code more} is reserved or unknown
     */
    public ClientProperties with(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(more);
        return new ClientProperties(merged);
    }

    /** The properties a producer knows, to apply over its own settings. */
    public Map<String, Object> producer() {
        return known(ProducerConfig.configNames());
    }

    /**
     * An idempotent producer of byte-array records to {@code bootstrapServers} whose every send
     * every in-sync replica acknowledges (what the indexer's dead letters and the API's signed
     * records need), with these properties applied over it.
     */
    public Properties reliableProducer(String bootstrapServers, String clientId) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.putAll(producer());
        return properties;
    }

    /** The properties a consumer knows, to apply over its own settings. */
    public Map<String, Object> consumer() {
        return known(ConsumerConfig.configNames());
    }

    /** The properties an admin client knows, to apply over its own settings. */
    public Map<String, Object> admin() {
        return known(AdminClientConfig.configNames());
    }

    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> known = new TreeMap<>();
        values.forEach((key, value) -> {
            if (names.contains(key) || key.startsWith(CONFIG_PROVIDERS_PREFIX)) {
                known.put(key, value);
            }
        });
        return known;
    }

    private static Map<String, String> reasons() {
        String serialized = "records are bytes that nodedex encodes and decodes itself";
        String acknowledged = "every write waits for all in-sync replicas and is idempotent, so none is lost or doubled";
        String ownPositions = "each replica keeps its positions in its own database, in no consumer group";
        Map<String, String> reasons = new TreeMap<>();
        reasons.put("bootstrap.servers", "the cluster is given apart (--bootstrap-servers)");
        reasons.put("client.id", "nodedex names each client (nodedex-agent-<host>, nodedex-indexer, ...)");
        reasons.put("key.serializer", serialized);
        reasons.put("value.serializer", serialized);
        reasons.put("key.deserializer", serialized);
        reasons.put("value.deserializer", serialized);
        reasons.put("acks", acknowledged);
        reasons.put("enable.idempotence", acknowledged);
        reasons.put("transactional.id", "nodedex writes without transactions");
        reasons.put("group.id", ownPositions);
        reasons.put("group.instance.id", ownPositions);
        reasons.put("enable.auto.commit", ownPositions);
        reasons.put("auto.offset.reset", "a position outside the log makes a replica re-bootstrap; it is never reset"
                + " silently");
        return Map.copyOf(reasons);
    }

    private static boolean knownToAnyClient(String key) {
        return ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key) || key.startsWith(CONFIG_PROVIDERS_PREFIX);
    }

    @Override
    public String toString() {
        return "ClientProperties" + new TreeSet<>(values.keySet());
    }
}
