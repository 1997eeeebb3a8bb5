package io.nodedex.api;

import com.google.common.net.HostAndPort;
import com.sun.management.UnixOperatingSystemMXBean;
import io.nodedex.device.InvalidInputException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link QueryServer} listens, whom it lets in, and how many threads it uses. Build with
 * {@link #of(InetSocketAddress)} and the {@code with...} methods.
 *
 * @param listen where the API listens (port 0: any free port); under socket activation, the port
 *     an unnamed inherited socket must listen on to serve the API
 * @param metricsListen where {@code /metrics} is served instead of on the API listener, with
 *     {@code /healthz} and {@code /readyz}: plain HTTP without tokens, for the operators' network
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
 * @param tlsCertificate with {@code tlsKey}: the API listener serves HTTPS only, with this PEM
 *     certificate chain (leaf first); both or neither
 * @param tlsKey the certificate's private key, PEM PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC
 * @param tokens the token file (one {@code <sha256-hex> <read|admin> <name>} a line): when given,
 *     every route but {@code /healthz} and {@code /readyz} needs a bearer token whose role grants
 *     it; when not, the API listener lets every caller in
 * @param allowUnauthenticated whether the API may listen on an address other than loopback
 *     without {@code tokens} (default false: {@link QueryServer#start} refuses to)
 * @param idleTimeout a connection that neither reads nor writes for longer is closed (default
 *     {@code 60 s})
 * @param headerTimeout a request must be read whole within this time from its first byte, else
 *     its connection is closed (default {@code 10 s}); also the TLS handshake's limit
 * @param maxConnections connections the API listener holds open at most; those over it are closed
 *     at once (default {@link #defaultMaxConnections()})
 */
public record QueryServerConfig(InetSocketAddress listen, Optional<InetSocketAddress> metricsListen, int ioThreads,
        int executorThreads, boolean socketActivation, long responseCacheBytes, Duration staleAfter,
        Optional<Path> tlsCertificate, Optional<Path> tlsKey, Optional<Path> tokens, boolean allowUnauthenticated,
        Duration idleTimeout, Duration headerTimeout, int maxConnections) {

    public static final long DEFAULT_RESPONSE_CACHE_BYTES = 32L << 20;
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** The default connection limit when the file-descriptor limit is higher than twice this, or unknown. */
    public static final int MAX_DEFAULT_CONNECTIONS = 10_000;

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
        Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        Objects.requireNonNull(tlsKey, "tlsKey");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("TLS needs both a certificate and its key, got only the "
                    + (tlsCertificate.isPresent() ? "certificate" : "key"));
        }
        Objects.requireNonNull(tokens, "tokens");
        requireAtLeast("idle timeout", idleTimeout, Duration.ofMillis(100));
        requireAtLeast("header timeout", headerTimeout, Duration.ofMillis(100));
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, got " + maxConnections);
        }
    }

    private static void requireAtLeast(String what, Duration value, Duration least) {
        Objects.requireNonNull(value, what);
        if (value.compareTo(least) < 0) {
            throw new IllegalArgumentException("the " + what + " must be at least " + least.toMillis() + " ms, got "
                    + value);
        }
    }

    /** The defaults, listening on {@code listen}: plain HTTP, no tokens. */
    public static QueryServerConfig of(InetSocketAddress listen) {
        return new QueryServerConfig(listen, Optional.empty(), Runtime.getRuntime().availableProcessors(), 2, true,
                DEFAULT_RESPONSE_CACHE_BYTES, DEFAULT_STALE_AFTER, Optional.empty(), Optional.empty(), Optional.empty(),
                false, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT, defaultMaxConnections());
    }

    /**
     * {@code min(10000, soft RLIMIT_NOFILE / 2)}: half the descriptors this process may open
     * (the JVM raises the soft limit to the hard one at start), leaving the rest to the database,
     * the Kafka clients and the listeners; 10,000 where the limit is unknown.
     */
    public static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long descriptors = unix.getMaxFileDescriptorCount();
            if (descriptors > 1) {
                return (int) Math.min(MAX_DEFAULT_CONNECTIONS, descriptors / 2);
            }
        }
        return MAX_DEFAULT_CONNECTIONS;
    }

    public QueryServerConfig withMetricsListen(Optional<InetSocketAddress> newMetricsListen) {
        return new QueryServerConfig(listen, newMetricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withIoThreads(int newIoThreads) {
        return new QueryServerConfig(listen, metricsListen, newIoThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withExecutorThreads(int newExecutorThreads) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, newExecutorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withSocketActivation(boolean newSocketActivation) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, newSocketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withStaleAfter(Duration newStaleAfter) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, newStaleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withResponseCacheBytes(long newResponseCacheBytes) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                newResponseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    /** HTTPS with this certificate chain and key (both given), or plain HTTP (neither). */
    public QueryServerConfig withTls(Optional<Path> newCertificate, Optional<Path> newKey) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, newCertificate, newKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withTokens(Optional<Path> newTokens) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, newTokens, allowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withAllowUnauthenticated(boolean newAllowUnauthenticated) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, newAllowUnauthenticated, idleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withIdleTimeout(Duration newIdleTimeout) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, newIdleTimeout,
                headerTimeout, maxConnections);
    }

    public QueryServerConfig withHeaderTimeout(Duration newHeaderTimeout) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                newHeaderTimeout, maxConnections);
    }

    public QueryServerConfig withMaxConnections(int newMaxConnections) {
        return new QueryServerConfig(listen, metricsListen, ioThreads, executorThreads, socketActivation,
                responseCacheBytes, staleAfter, tlsCertificate, tlsKey, tokens, allowUnauthenticated, idleTimeout,
                headerTimeout, newMaxConnections);
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
