package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The rules of {@link SocketActivation}, with the environment and the sockets' ports given. */
class SocketActivationTest {

    private static final long PID = 4242;

    /** fd 3 listens on 8080, fd 4 on 9100, fd 5 is not a listening TCP socket. */
    private static final SocketInspector PORTS = fd -> fd == 3 ? OptionalInt.of(8080)
            : fd == 4 ? OptionalInt.of(9100) : OptionalInt.empty();

    private static InheritedSocket named(int fd, String name) {
        return new InheritedSocket(fd, Optional.of(name));
    }

    private static InheritedSocket unnamed(int fd) {
        return new InheritedSocket(fd, Optional.empty());
    }

    @Test
    void withoutListenPidTheProcessWasNotActivated() {
        assertThat(SocketActivation.inherited(Map.of("LISTEN_FDS", "1"), PID)).isEmpty();
    }

    @Test
    void variablesMeantForAnotherProcessAreIgnored() {
        assertThat(SocketActivation.inherited(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "1"), PID)).isEmpty();
    }

    @Test
    void namesComeFromListenFdNamesAndSystemdsPlaceholderMeansUnnamed() {
        assertThat(SocketActivation.inherited(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "3",
                "LISTEN_FDNAMES", "http:unknown:metrics"), PID))
                .contains(List.of(named(3, "http"), unnamed(4), named(5, "metrics")));
        assertThat(SocketActivation.inherited(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2"), PID))
                .contains(List.of(unnamed(3), unnamed(4)));
    }

    @Test
    void malformedVariablesForThisProcessAreErrorsNamingThem() {
        assertThatThrownBy(() -> SocketActivation.inherited(Map.of("LISTEN_PID", "4242"), PID))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("socket activation: LISTEN_PID=4242 names this process but LISTEN_FDS is not set");
        assertThatThrownBy(() -> SocketActivation.inherited(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "two"), PID))
                .hasMessage("socket activation: LISTEN_FDS='two' is not a number");
        assertThatThrownBy(() -> SocketActivation.inherited(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0"), PID))
                .hasMessage("socket activation: LISTEN_FDS=0: expected 1 to 64 sockets");
        assertThatThrownBy(() -> SocketActivation.inherited(Map.of("LISTEN_PID", "x", "LISTEN_FDS", "1"), PID))
                .hasMessage("socket activation: LISTEN_PID='x' is not a number");
        assertThatThrownBy(() -> SocketActivation.inherited(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "http"), PID))
                .hasMessage("socket activation: LISTEN_FDNAMES=http names 1 sockets but LISTEN_FDS=2");
    }

    @Test
    void namedSocketsAreAssignedByNameWhateverTheirPorts() {
        ListenerSockets sockets = SocketActivation.assign(List.of(named(3, "metrics"), named(4, "http")), 1234,
                OptionalInt.empty(), PORTS);

        assertThat(sockets).isEqualTo(new ListenerSockets(named(4, "http"), Optional.of(named(3, "metrics"))));
    }

    @Test
    void unnamedSocketsAreAssignedByTheConfiguredPorts() {
        assertThat(SocketActivation.assign(List.of(unnamed(3)), 8080, OptionalInt.empty(), PORTS))
                .isEqualTo(new ListenerSockets(unnamed(3), Optional.empty()));
        assertThat(SocketActivation.assign(List.of(unnamed(4), unnamed(3)), 8080, OptionalInt.of(9100), PORTS))
                .isEqualTo(new ListenerSockets(unnamed(3), Optional.of(unnamed(4))));
    }

    @Test
    void anUnnamedSocketOnAnotherPortIsAnErrorNamingBothPorts() {
        assertThatThrownBy(() -> SocketActivation.assign(List.of(unnamed(3)), 8081, OptionalInt.empty(), PORTS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("socket activation: fd 3 (unnamed) listens on port 8080, which is neither the configured"
                        + " API port 8081 (passed: fd 3 (unnamed))");
    }

    @Test
    void anUnknownNameIsAnErrorNamingIt() {
        assertThatThrownBy(() -> SocketActivation.assign(List.of(named(3, "web")), 8080, OptionalInt.empty(), PORTS))
                .hasMessageContaining("fd 3 (named web) has an unknown name: name the sockets http and metrics");
    }

    @Test
    void twoSocketsForOneListenerAreAnError() {
        assertThatThrownBy(() -> SocketActivation.assign(List.of(named(3, "http"), unnamed(4)), 9100,
                OptionalInt.empty(), fd -> OptionalInt.of(9100)))
                .hasMessageContaining("both fd 3 (named http) and fd 4 (unnamed) would serve http");
    }

    @Test
    void aSocketThatIsNotListeningTcpIsAnError() {
        assertThatThrownBy(() -> SocketActivation.assign(List.of(named(5, "http")), 8080, OptionalInt.empty(), PORTS))
                .hasMessageContaining("fd 5 (named http) is not a listening TCP socket");
    }

    @Test
    void withoutASocketForTheApiOrForAConfiguredMetricsPortStartFails() {
        assertThatThrownBy(() -> SocketActivation.assign(List.of(named(4, "metrics")), 8080, OptionalInt.empty(),
                PORTS))
                .hasMessageContaining("no inherited socket serves the API: name one http or listen on the configured"
                        + " port 8080");
        assertThatThrownBy(() -> SocketActivation.assign(List.of(named(3, "http")), 8080, OptionalInt.of(9100), PORTS))
                .hasMessageContaining("a metrics listener on port 9100 is configured but no inherited socket"
                        + " serves it");
    }
}
