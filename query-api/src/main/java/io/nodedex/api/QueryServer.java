package io.nodedex.api;

import com.google.common.net.HostAndPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;
import io.nodedex.api.Route.Access;
import io.nodedex.device.InvalidInputException;
import io.nodedex.indexer.IndexReader;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only HTTP/JSON query API over an indexer replica's {@link IndexReader}
 * (docs/design.md, "Query API"): Netty, with the epoll transport on Linux and NIO elsewhere. The
 * routes and their answers are described in {@code openapi.json}, served at
 * {@code /openapi.json}. The API listener also serves the web page that reads those routes in a
 * browser ({@link WebAssets}: {@code /} and its files under {@code /ui/}, open to anyone, as
 * they hold no data).
 *
 * <pre>{@code
 * try (QueryServer server = QueryServer.start(QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 8080)),
 *         indexer.reader())) {
 *     ... server.address() ...
 * }
 * }</pre>
 *
 * <h2>Listeners</h2>
 * The API listens on {@link QueryServerConfig#listen()}, over TLS when a certificate is
 * configured. With {@link QueryServerConfig#metricsListen()} set, {@code /metrics} moves to a plain
 * HTTP listener of its own, which serves {@code /healthz} and {@code /readyz} too and checks no
 * token (the operators' network). Under systemd socket activation
 * ({@code LISTEN_PID} is this process) the server binds nothing and takes over the passed sockets
 * instead, by name ({@code http}, {@code metrics}) or by port (see {@link SocketActivation}); a
 * mismatch fails {@link #start}.
 *
 * <h2>Callers</h2>
 * With a token file ({@link QueryServerConfig#tokens()}) every route of the API listener but
 * {@code /healthz} and {@code /readyz} needs {@code Authorization: Bearer TOKEN} of a role that
 * grants the route's ({@link Authenticator}): 401 without or with an unknown token, 403 for a role
 * without the right. Without one, the API listener refuses to listen beyond loopback unless told
 * so. Hostile clients meet the idle and header timeouts ({@link ReadTimeouts}), the connection cap
 * ({@link ConnectionGuard}) and the limits on the request line, headers and body.
 *
 * <h2>Threading</h2>
 * {@link QueryServerConfig#ioThreads()} event-loop threads accept connections, decode requests
 * and answer the routes bounded by one host or one key ({@code /v1/hosts/{host}...},
 * {@code /v1/wwpn/{wwn}}, {@code /v1/npiv/parent}, {@code /healthz}, {@code /readyz},
 * {@code /openapi.json}) in place: each is a RocksDB snapshot and a short prefix scan. The
 * datacenter-wide routes ({@code /v1/hosts}, {@code /v1/fabrics/{wwn}}, {@code /v1/vhbas},
 * {@code /v1/audit}) and {@code /metrics} run on an executor of
 * {@link QueryServerConfig#executorThreads()} threads with a bounded queue (503
 * {@code overloaded} when full), so they never stall the event loops; a connection waits for
 * such an answer before its next request is served, so answers keep request order. Answers of
 * the inventory routes are memoised per URI for the state they were computed on (see
 * {@link QueryServerConfig#responseCacheBytes()}); a hit is answered on the event loop. Handlers
 * only read the {@link IndexReader}, which is safe from any thread. {@link #start} and
 * {@link #close()} may be called from any thread.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final int EXECUTOR_QUEUE = 256;
    private static final int WRITE_THREADS = 16;
    private static final long READINESS_POLL_MILLIS = 50;
    /** The cap on the operational listener's connections: a scraper and a load balancer's probes. */
    private static final int OPERATIONAL_CONNECTIONS = 64;

    private final EventLoopGroup group;
    private final ThreadPoolExecutor executor;
    private final ChangeWatchers watchers;
    private final ThreadPoolExecutor writeExecutor;
    private final Channel http;
    private final Optional<Channel> operational;
    private final boolean activated;
    private final String transport;
    private final Router router;
    private final ScheduledFuture<?> readinessPoll;
    private final boolean https;

    private QueryServer(EventLoopGroup group, ThreadPoolExecutor executor, ThreadPoolExecutor writeExecutor,
            Channel http, Optional<Channel> operational, boolean activated, String transport, Router router,
            ScheduledFuture<?> readinessPoll, boolean https, ChangeWatchers watchers) {
        this.group = group;
        this.watchers = watchers;
        this.executor = executor;
        this.writeExecutor = writeExecutor;
        this.http = http;
        this.operational = operational;
        this.activated = activated;
        this.transport = transport;
        this.router = router;
        this.readinessPoll = readinessPoll;
        this.https = https;
    }

    /**
     * Starts serving {@code reader}: binds the listeners (or takes over the sockets systemd
     * passed) and returns once they accept connections.
     *
     * @throws InvalidInputException when the passed sockets do not match the configuration
     *     (socket activation), naming the sockets and ports; when the token file or the TLS
     *     certificate or key cannot be used, naming the file (and line); when the API would listen
     *     beyond loopback without tokens and without {@link QueryServerConfig#allowUnauthenticated()}
     * @throws IllegalStateException when an address cannot be bound (in use, not local)
     */
    public static QueryServer start(QueryServerConfig config, IndexReader reader) {
        return start(config, reader, VhbaWrites.none());
    }

    /** As {@link #start(QueryServerConfig, IndexReader)}, with the vHBA routes working on {@code writes}. */
    static QueryServer start(QueryServerConfig config, IndexReader reader, VhbaWrites writes) {
        Authenticator authenticator = config.tokens().map(TokenFile::read).map(Authenticator::of)
                .orElseGet(Authenticator::open);
        Optional<SslContext> tls = config.tlsCertificate()
                .map(certificate -> ServerTls.load(certificate, config.tlsKey().orElseThrow()));
        Transport transport = Transport.best();
        Optional<ListenerSockets> sockets = config.socketActivation()
                ? SocketActivation.inherited(System.getenv(), ProcessHandle.current().pid())
                        .map(inherited -> assign(inherited, config, transport))
                : Optional.empty();
        if (sockets.isEmpty()) {
            requireTokensBeyondLoopback(config.listen(), authenticator, config);
        }
        boolean apart = operationalAddress(config, sockets).isPresent()
                || sockets.flatMap(ListenerSockets::metrics).isPresent();
        Readiness readiness = new Readiness(reader::ingestStatus);
        Staleness staleness = new Staleness(Clock.systemUTC(), config.staleAfter());
        ResponseCache cache = new ResponseCache(reader::ingestStatus, staleness, config.responseCacheBytes());
        ConnectionGuard guard = new ConnectionGuard(config.maxConnections());
        ConnectionGuard operationalGuard = new ConnectionGuard(OPERATIONAL_CONNECTIONS);
        ReadTimeouts.Clocks clocks = new ReadTimeouts.Clocks(config.idleTimeout(), config.headerTimeout());
        ApiMetrics metrics = new ApiMetrics(reader, readiness, cache, guard, clocks);
        ChangeWatchers watchers = new ChangeWatchers(reader);
        List<Route> table = Routes.table(reader, staleness, readiness, metrics, watchers, OpenApiDocument.load(),
                writes);
        WebAssets page = WebAssets.load();
        Router api = new Router(table.stream().filter(route -> !(apart && route.access() == Access.MONITORING))
                .toList());
        Router operations = new Router(table.stream().filter(route -> route.access() == Access.OPERATIONAL
                || route.access() == Access.MONITORING).toList());
        ThreadPoolExecutor executor = executor(config.executorThreads());
        ThreadPoolExecutor writeExecutor = writeExecutor();
        EventLoopGroup group = transport.group(config.ioThreads(), "nodedex-api-io");
        try {
            Channel http = open(group, transport, new HttpPipeline(new Dispatcher(api, authenticator, readiness,
                    cache, page), metrics, executor, writeExecutor, tls, guard, clocks),
                    sockets.map(ListenerSockets::http),
                    config.listen());
            if (sockets.isPresent()) {
                try {
                    requireTokensBeyondLoopback((InetSocketAddress) http.localAddress(), authenticator, config);
                } catch (RuntimeException e) {
                    http.close().syncUninterruptibly();
                    throw e;
                }
            }
            Optional<Channel> operational = apart
                    ? Optional.of(open(group, transport, new HttpPipeline(new Dispatcher(operations,
                            Authenticator.open(), readiness, cache, WebAssets.none()), metrics, executor,
                            writeExecutor, Optional.empty(), operationalGuard, clocks),
                            sockets.flatMap(ListenerSockets::metrics),
                            operationalAddress(config, sockets).orElse(config.listen())))
                    : Optional.empty();
            AtomicBoolean announced = new AtomicBoolean();
            ScheduledFuture<?> poll = group.next().scheduleAtFixedRate(() -> {
                if (readiness.check() && announced.compareAndSet(false, true)) {
                    LOG.info("ready: {}", readiness.describe());
                }
            }, 0, READINESS_POLL_MILLIS, TimeUnit.MILLISECONDS);
            QueryServer server = new QueryServer(group, executor, writeExecutor, http, operational,
                    sockets.isPresent(), transport.name(), api, poll, tls.isPresent(), watchers);
            LOG.info("query API on {}://{} ({}{}, {} I/O threads, {}, at most {} connections){}", server.scheme(),
                    hostPort(server.address()), transport.name(), sockets.isPresent() ? ", socket activated" : "",
                    config.ioThreads(), authenticator.enabled() ? "bearer tokens from " + config.tokens().orElseThrow()
                            : "no tokens: open to every caller", config.maxConnections(),
                    server.metricsAddress().map(a -> "; /metrics, /healthz, /readyz on http://" + hostPort(a))
                            .orElse(""));
            return server;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            executor.shutdownNow();
            watchers.close();
            writeExecutor.shutdownNow();
            throw e;
        }
    }

    /**
     * An API any caller who can reach it may read is allowed on loopback only, unless the
     * configuration says it is meant (docs/design.md, "API authentication").
     */
    private static void requireTokensBeyondLoopback(InetSocketAddress address, Authenticator authenticator,
            QueryServerConfig config) {
        if (authenticator.enabled() || config.allowUnauthenticated() || address.getAddress().isLoopbackAddress()) {
            return;
        }
        throw new InvalidInputException("refusing to serve the API on " + hostPort(address) + " without tokens:"
                + " every caller who can reach it could read the whole inventory. Give a token file (--tokens FILE),"
                + " listen on loopback (e.g. --listen 127.0.0.1:8080), or, if an open API there is what you want,"
                + " say so with --allow-unauthenticated");
    }

    /** Where to bind the operational listener: only when not socket activated, and when configured. */
    private static Optional<InetSocketAddress> operationalAddress(QueryServerConfig config,
            Optional<ListenerSockets> sockets) {
        return sockets.isPresent() ? Optional.empty() : config.metricsListen();
    }

    private static ListenerSockets assign(List<InheritedSocket> inherited, QueryServerConfig config,
            Transport transport) {
        OptionalInt metricsPort = config.metricsListen().stream().mapToInt(InetSocketAddress::getPort).findFirst();
        return SocketActivation.assign(inherited, config.listen().getPort(), metricsPort, transport.inspector());
    }

    private static Channel open(EventLoopGroup group, Transport transport, HttpPipeline pipeline,
            Optional<InheritedSocket> inherited, InetSocketAddress address) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline);
        ChannelFuture opened;
        if (inherited.isPresent()) {
            int fd = inherited.get().fd();
            bootstrap.channelFactory((io.netty.channel.ChannelFactory<ServerChannel>) () -> transport.adopt(fd));
            opened = bootstrap.register();
        } else {
            bootstrap.channel(transport.serverChannel());
            opened = bootstrap.bind(address);
        }
        opened.awaitUninterruptibly();
        if (!opened.isSuccess()) {
            String where = inherited.map(s -> "the inherited socket " + s).orElse(hostPort(address));
            throw new IllegalStateException("cannot listen on " + where + ": " + opened.cause().getMessage(),
                    opened.cause());
        }
        return opened.channel();
    }

    /** {@code 127.0.0.1:8080}, {@code [::1]:8080}. */
    private static String hostPort(InetSocketAddress address) {
        return HostAndPort.fromParts(address.getHostString(), address.getPort()).toString();
    }

    /**
     * The write routes' threads: each waits for the log (at most its {@code wait}), so they are
     * apart from the read executor; {@value #WRITE_THREADS} at once, {@value #EXECUTOR_QUEUE} queued.
     */
    private static ThreadPoolExecutor writeExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(WRITE_THREADS, WRITE_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(EXECUTOR_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "nodedex-api-write-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static ThreadPoolExecutor executor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(EXECUTOR_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "nodedex-api-read-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return executor;
    }

    /** Where the API listens (the bound port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) http.localAddress();
    }

    /** {@code https} when the API listener serves TLS, else {@code http}. */
    public String scheme() {
        return https ? "https" : "http";
    }

    /** Where the operational routes are served apart, if they are. */
    public Optional<InetSocketAddress> metricsAddress() {
        return operational.map(channel -> (InetSocketAddress) channel.localAddress());
    }

    /** Whether the listeners were passed by systemd rather than bound. */
    public boolean socketActivated() {
        return activated;
    }

    /** The Netty transport in use: {@code epoll} or {@code nio}. */
    public String transport() {
        return transport;
    }

    /** The router's table, for the test that compares it with the OpenAPI document. */
    List<Route> routes() {
        return router.routes();
    }

    /** Stops listening, closes the connections and stops the threads; waits up to a few seconds. */
    @Override
    public void close() {
        readinessPoll.cancel(false);
        watchers.close();
        http.close().syncUninterruptibly();
        operational.ifPresent(channel -> channel.close().syncUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        executor.shutdownNow();
        writeExecutor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("query API reads still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
