package io.nodedex.kafka.embedded;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SASL_SSL listener of a secured broker: what the server needs (its key store, the SCRAM
 * mechanism, the users to create at format time) and what a client needs to reach it.
 *
 * <p>Immutable.
 *
 * @param security the users
 * @param tls the key store and trust store made for this broker or cluster
 */
record SecuredListener(KafkaSecurity security, TlsFiles tls) {

    static final String NAME = "SASL_SSL";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required";

    /** The server properties of the listener; the listener itself is declared by {@link BrokerSettings}. */
    Map<String, String> serverProperties() {
        Map<String, String> p = new TreeMap<>();
        p.put("ssl.keystore.location", tls.keyStore().toString());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.password", tls.keyStorePassword());
        p.put("ssl.key.password", tls.keyStorePassword());
        p.put("sasl.enabled.mechanisms", KafkaSecurity.SCRAM_MECHANISM);
        p.put("listener.name." + NAME.toLowerCase() + "." + KafkaSecurity.SCRAM_MECHANISM.toLowerCase()
                + ".sasl.jaas.config", SCRAM_LOGIN + ";");
        return p;
    }

    /** The users as {@code kafka-storage format --add-scram} arguments. */
    List<String> scramArguments() {
        return new TreeMap<>(security.scramUsers()).entrySet().stream()
                .map(user -> KafkaSecurity.SCRAM_MECHANISM + "=[name=" + user.getKey() + ",password=" + user.getValue()
                        + "]")
                .toList();
    }

    /** What a client of the listener sets to log in as {@code user} with {@code password}. */
    Map<String, String> clientProperties(String user, String password) {
        Map<String, String> p = new TreeMap<>();
        p.put("security.protocol", NAME);
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", tls.trustStorePassword());
        p.put("sasl.mechanism", KafkaSecurity.SCRAM_MECHANISM);
        p.put("sasl.jaas.config", SCRAM_LOGIN + " username=\"" + user + "\" password=\"" + password + "\";");
        return Map.copyOf(p);
    }
}
