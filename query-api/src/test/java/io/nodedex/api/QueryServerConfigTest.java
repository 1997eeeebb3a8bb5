package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryServerConfigTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:8080, 127.0.0.1, 8080", "' 0.0.0.0:80 ', 0.0.0.0, 80", "'[::1]:9100', ::1, 9100",
        "127.0.0.1:0, 127.0.0.1, 0"})
    void aListenAddressIsHostColonPort(String text, String host, int port) {
        assertThat(QueryServerConfig.parseAddress(text)).isEqualTo(new InetSocketAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", ":8080", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000", "::1:8080", ""})
    void aListenAddressWithoutAHostOrAValidPortIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> QueryServerConfig.parseAddress(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-host.invalid:8080"})
    void anUnresolvableHostIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> QueryServerConfig.parseAddress(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot resolve host 'no-such-host.invalid'");
    }

    @Test
    void tlsNeedsBothTheCertificateAndItsKey() {
        QueryServerConfig config = QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0));

        assertThatThrownBy(() -> config.withTls(Optional.of(Path.of("api.pem")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got only the certificate");
        assertThat(config.withTls(Optional.of(Path.of("api.pem")), Optional.of(Path.of("api.key"))).tlsKey())
                .contains(Path.of("api.key"));
    }

    @Test
    void theDefaultsKeepConnectionsBelowTheFileLimitAndTrustNobodyBeyondLoopback() {
        QueryServerConfig config = QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0));

        assertThat(config.maxConnections()).isBetween(1, QueryServerConfig.MAX_DEFAULT_CONNECTIONS);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.tokens()).isEmpty();
        assertThat(config.allowUnauthenticated()).isFalse();
        assertThatThrownBy(() -> config.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withHeaderTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header timeout");
    }
}
