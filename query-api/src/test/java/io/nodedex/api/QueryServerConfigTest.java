package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.net.InetSocketAddress;
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
}
