package io.nodedex.api;

import com.google.common.net.HostAndPort;
import io.nodedex.device.InvalidInputException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link QueryServer} listens and how many threads it uses. Build with
 * {@link #of(InetSocketAddress)} and the {@code with...} methods.
 *
 * @param listen where the API listens (port 0: any free port); under socket activation, the port
 *     an unnamed inherited socket must listen on to serve the API
 * @param metricsListen where the operational routes ({@code /metrics}, {@code /healthz},
 *     {@code /readyz}) are also served, apart from the API, if anywhere
 * @param ioThreads event-loop threads (default: the available processors); they accept, decode,
 *     and answer the cheap routes
 * @param executorThreads threads of the executor that answers the datacenter-wide routes
 *     (default 2)
 * @param socketActivation whether to take over the sockets systemd passes ({@code LISTEN_FDS}
 *     for this pid) instead of binding (default true)
 * @param responseCacheBytes the bodies the response cache of the inventory routes may hold
 *     (default {@value #DEFAULT_RESPONSE_CACHE_BYTES}); 0 turns it off. Answers are kept per
 *     request URI and served only while the replica's state is the one they were computed on.
 * @param staleAfter a host not heard from for longer is marked {@code stale} in {@code /v1/hosts}
 *     and {@code /v1/hosts/{host}} (default 5 minutes: ten heartbeats of an agent's default)
 */
public record QueryServerConfig(InetSocketAddress listen, Optional<InetSocketAddress> metricsListen, int ioThreads,
        int executorThreads, boolean socketActivation, long responseCacheBytes, Duration staleAfter) {

    public static final long DEFAULT_RESPONSE_CACHE_BYTES = 32L << 20;
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

    public QueryServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(metricsListen, "metricsListen");
        if (ioThreads < 1 || executorThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1: io " + ioThreads + ", executor "
                    + executorThreads);
        }
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("stale-after must be at least 1 s, got " + staleAfter);
        }
        if (responseCacheBytes < 0) {
            throw new IllegalArgumentException("the response cache size must not be negative: " + responseCacheBytes);
        }
    }

    /** The defaults, listening on {@code listen}. */
    public static QueryServerConfig of(InetSocketAddress listen) {
        return new QueryServerConfig(listen, Optional.empty(), Runtime.getRuntime().availableProcessors(), 2, true,
                DEFAULT_RESPONSE_CACHE_BYTES, DEFAULT_STALE_AFTER);
    }

    public QueryServerConfig withMetricsListen(Optional<InetSocketAddress> newMetricsListen) {
        return new QueryServerConfig(listen, newMetricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter);
    }

    public QueryServerConfig withIoThreads(int newIoThreads) {
        return new QueryServerConfig(listen, metricsListen, newIoThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter);
    }

    public QueryServerConfig withExecutorThreads(int newExecutorThreads) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, newExecutorThreads, socketActivation,
                responseCacheBytes, staleAfter);
    }

    public QueryServerConfig withSocketActivation(boolean newSocketActivation) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, newSocketActivation,
                responseCacheBytes, staleAfter);
    }

    public QueryServerConfig withStaleAfter(Duration newStaleAfter) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, newStaleAfter);
    }

    public QueryServerConfig withResponseCacheBytes(long newResponseCacheBytes) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                newResponseCacheBytes, staleAfter);
    }

    /**
     * Parses a listen address: {@code HOST:PORT} or {@code [IPv6]:PORT}, e.g. {@code 127.0.0.1:8080}
     * or {@code [::1]:8080}; the host is resolved now.
     *
     * @throws InvalidInputException naming the value when the port is missing or out of range, or
     *     the host cannot be resolved
     */
    public static InetSocketAddress parseAddress(String text) {
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.fromString(text.strip()).requireBracketsForIPv6();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("malformed listen address '" + text + "': " + e.getMessage()
                    + " (expected HOST:PORT, e.g. 127.0.0.1:8080)");
        }
        if (!hostAndPort.hasPort() || hostAndPort.getHost().isEmpty()) {
            throw new InvalidInputException("malformed listen address '" + text
                    + "': expected HOST:PORT, e.g. 127.0.0.1:8080");
        }
        InetSocketAddress address = new InetSocketAddress(hostAndPort.getHost(), hostAndPort.getPort());
        if (address.isUnresolved()) {
            throw new InvalidInputException("listen address '" + text + "': cannot resolve host '"
                    + hostAndPort.getHost() + "'");
        }
        return address;
    }
}
