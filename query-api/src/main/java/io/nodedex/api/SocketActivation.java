package io.nodedex.api;

import io.nodedex.device.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * systemd socket activation ({@code sd_listen_fds(3)}): the service manager binds the listening
 * sockets and passes them as file descriptors 3, 4, ... to the process it starts, with
 * {@code LISTEN_PID} (the pid they are meant for), {@code LISTEN_FDS} (how many) and, since
 * systemd 227, {@code LISTEN_FDNAMES} (their {@code FileDescriptorName=}s, colon-separated).
 *
 * <p>Which socket serves what:
 * <ul>
 *   <li>by name when names are given: {@value #HTTP} for the API, {@value #METRICS} for the
 *       operational routes served apart; any other name is an error;</li>
 *   <li>by port when a socket has no name (no {@code LISTEN_FDNAMES}, as older systemd and
 *       {@code systemd-socket-activate} without {@code --fdname} pass them, or systemd's
 *       placeholder {@code unknown}): the socket listening on the configured API port serves the
 *       API, the one on the configured metrics port (if any) the operational routes.</li>
 * </ul>
 * Every passed socket must find its listener and the API must get one; a mismatch is an
 * {@link InvalidInputException} naming the sockets and the ports, never a silent bind elsewhere.
 *
 * <p>Stateless; the environment and the pid are arguments so that the rules can be tested
 * without a service manager.
 */
final class SocketActivation {

    /** The first inherited descriptor ({@code SD_LISTEN_FDS_START}). */
    public static final int FIRST_FD = 3;
    /** The name of the API socket. */
    public static final String HTTP = "http";
    /** The name of the operational socket served apart. */
    public static final String METRICS = "metrics";

    static final String LISTEN_PID = "LISTEN_PID";
    static final String LISTEN_FDS = "LISTEN_FDS";
    static final String LISTEN_FDNAMES = "LISTEN_FDNAMES";
    /** What systemd passes for a descriptor without a name. */
    private static final String UNNAMED = "unknown";
    /** A sane bound; systemd passes a handful. */
    private static final int MAX_FDS = 64;

    private SocketActivation() {
    }

    /**
     * The sockets passed to process {@code pid}; empty when it was not socket activated
     * ({@code LISTEN_PID} unset, or naming another process: the variables were inherited from an
     * activated parent and are not meant for us).
     *
     * @throws InvalidInputException when {@code LISTEN_PID} names this process but the other
     *     variables are missing or malformed
     */
    public static Optional<List<InheritedSocket>> inherited(Map<String, String> environment, long pid) {
        String listenPid = environment.get(LISTEN_PID);
        if (listenPid == null) {
            return Optional.empty();
        }
        if (number(LISTEN_PID, listenPid) != pid) {
            return Optional.empty();
        }
        String listenFds = environment.get(LISTEN_FDS);
        if (listenFds == null) {
            throw failure(LISTEN_PID + "=" + listenPid + " names this process but " + LISTEN_FDS + " is not set");
        }
        long count = number(LISTEN_FDS, listenFds);
        if (count < 1 || count > MAX_FDS) {
            throw failure(LISTEN_FDS + "=" + listenFds + ": expected 1 to " + MAX_FDS + " sockets");
        }
        List<Optional<String>> names = names(environment.get(LISTEN_FDNAMES), (int) count);
        List<InheritedSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sockets.add(new InheritedSocket(FIRST_FD + i, names.get(i)));
        }
        return Optional.of(sockets);
    }

    private static List<Optional<String>> names(String listenFdNames, int count) {
        if (listenFdNames == null) {
            return Collections.nCopies(count, Optional.empty());
        }
        String[] names = listenFdNames.split(":", -1);
        if (names.length != count) {
            throw failure(LISTEN_FDNAMES + "=" + listenFdNames + " names " + names.length + " sockets but "
                    + LISTEN_FDS + "=" + count);
        }
        return Arrays.stream(names)
                .map(name -> name.isEmpty() || name.equals(UNNAMED) ? Optional.<String>empty() : Optional.of(name))
                .toList();
    }

    /**
     * Assigns the inherited sockets to the listeners (see the class comment).
     *
     * @param sockets what {@link #inherited} returned
     * @param httpPort the configured API port, matched against unnamed sockets
     * @param metricsPort the configured port of the operational listener served apart, if any
     * @param inspector tells the port each descriptor listens on
     * @throws InvalidInputException when a socket is not a listening TCP socket, has an unknown
     *     name, shares a name with another, matches no configured port, or when no socket serves
     *     the API (or the configured metrics port)
     */
    public static ListenerSockets assign(List<InheritedSocket> sockets, int httpPort, OptionalInt metricsPort,
            SocketInspector inspector) {
        InheritedSocket http = null;
        InheritedSocket metrics = null;
        for (InheritedSocket socket : sockets) {
            OptionalInt port = inspector.listeningPort(socket.fd());
            if (port.isEmpty()) {
                throw failure(socket + " is not a listening TCP socket" + passed(sockets));
            }
            String listener = socket.name()
                    .orElseGet(() -> byPort(socket, port.getAsInt(), httpPort, metricsPort, sockets));
            if (listener.equals(HTTP)) {
                http = unique(http, socket, HTTP, sockets);
            } else if (listener.equals(METRICS)) {
                metrics = unique(metrics, socket, METRICS, sockets);
            } else {
                throw failure(socket + " has an unknown name: name the sockets " + HTTP + " and " + METRICS
                        + " (FileDescriptorName= in the socket unit)" + passed(sockets));
            }
        }
        if (http == null) {
            throw failure("no inherited socket serves the API: name one " + HTTP + " or listen on the configured port "
                    + httpPort + passed(sockets));
        }
        if (metricsPort.isPresent() && metrics == null) {
            throw failure("a metrics listener on port " + metricsPort.getAsInt() + " is configured but no inherited"
                    + " socket serves it: name one " + METRICS + " or listen on that port" + passed(sockets));
        }
        return new ListenerSockets(http, Optional.ofNullable(metrics));
    }

    private static String byPort(InheritedSocket socket, int port, int httpPort, OptionalInt metricsPort,
            List<InheritedSocket> sockets) {
        if (port == httpPort) {
            return HTTP;
        }
        if (metricsPort.isPresent() && port == metricsPort.getAsInt()) {
            return METRICS;
        }
        throw failure(socket + " listens on port " + port + ", which is neither the configured API port " + httpPort
                + metricsPort.stream().mapToObj(p -> " nor the metrics port " + p).collect(Collectors.joining())
                + passed(sockets));
    }

    private static InheritedSocket unique(InheritedSocket previous, InheritedSocket socket, String listener,
            List<InheritedSocket> sockets) {
        if (previous != null) {
            throw failure("both " + previous + " and " + socket + " would serve " + listener + passed(sockets));
        }
        return socket;
    }

    private static String passed(List<InheritedSocket> sockets) {
        return " (passed: " + sockets.stream().map(InheritedSocket::toString).collect(Collectors.joining(", ")) + ")";
    }

    private static long number(String variable, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw failure(variable + "='" + value + "' is not a number");
        }
    }

    private static InvalidInputException failure(String message) {
        return new InvalidInputException("socket activation: " + message);
    }
}
