package io.nodedex.cli;

import io.nodedex.api.CommandSettings;
import io.nodedex.api.QueryServerConfig;
import io.nodedex.api.Replica;
import io.nodedex.device.InvalidInputException;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.indexer.IndexerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex serve}: an indexer replica (the options of {@code nodedex indexer}) and the HTTP
 * query API over it, in this process, until SIGINT or SIGTERM. Under systemd socket activation
 * the API takes over the passed sockets instead of binding {@code --listen} (see
 * {@code docker/systemd/nodedex.socket}). Only parses options; the replica is {@link Replica}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an indexer replica and the HTTP/JSON query API over it until stopped (SIGINT/SIGTERM).",
            "The replica consumes every partition of the event topic into its own RocksDB in --data; the API answers"
                + " from it (routes: GET /openapi.json). Under systemd socket activation (LISTEN_FDS) the passed"
                + " sockets are used instead of binding: by name (http, metrics) or by the --listen port.",
            "Without --tokens the API is open to every caller, so it listens on loopback only unless"
                + " --allow-unauthenticated is given."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexerOptions indexer;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            converter = AddressConverter.class,
            description = "Where the API listens (default: ${DEFAULT-VALUE}); under socket activation, the port an"
                    + " unnamed passed socket must listen on.")
    InetSocketAddress listen;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "Serve /metrics here instead of on --listen (with /healthz and /readyz): plain HTTP, no"
                    + " token checked; for the operators' network.")
    Optional<InetSocketAddress> metricsListen;

    @Mixin
    TlsOptions tls;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "Who may call the API: one '<sha256-hex-of-token> <read|admin> <name>' a line (# comments)."
                    + " Then every route but /healthz and /readyz needs 'Authorization: Bearer TOKEN': /v1 and"
                    + " /openapi.json the role read, /metrics admin.")
    Optional<Path> tokens;

    @Option(names = "--allow-unauthenticated",
            description = "Serve the API beyond loopback without --tokens: anyone who reaches it may read everything."
                    + " Without this, such a --listen is refused.")
    boolean allowUnauthenticated;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Close a connection that neither reads nor writes for this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Close a connection whose request (headers, and any body) is not read whole within this"
                    + " time of its first byte; also the TLS handshake's limit (default: ${DEFAULT-VALUE}).")
    Duration headerTimeout;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections the API holds open at most; more are closed at once (default: min(10000, half"
                    + " the open-files limit)).")
    Optional<Integer> maxConnections;

    @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Mark a host stale in /v1/hosts when nothing was heard from it for this long (default: ${DEFAULT-VALUE}).")
    Duration staleAfter;

    @Option(names = "--response-cache-mb", paramLabel = "MB", defaultValue = "32",
            description = "Memory for memoised answers of the inventory routes, kept per URI while the replica's state"
                    + " is unchanged; 0 turns the cache off (default: ${DEFAULT-VALUE}).")
    int responseCacheMb;

    @Option(names = "--command-key", paramLabel = "FILE",
            description = "The API servers' command key (Ed25519, PEM; nodedex keys generate makes one). With it, the"
                    + " server takes vHBA requests (POST /v1/vhbas, DELETE /v1/vhbas/HOST/NAME, role admin), signs"
                    + " them and the commands it sends to the hosts' agents, whom --command-public-key tells to trust it.")
    Optional<Path> commandKey;

    @Option(names = "--vhba-timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long a host has to carry out a vHBA command before its request fails and its"
                    + " reservation is released (default: ${DEFAULT-VALUE}).")
    Duration vhbaTimeout;

    /** What the server signs vHBA requests and commands with, when it takes them. */
    Optional<CommandSettings> commandSettings() {
        return commandKey.map(SigningKey::read).map(key -> new CommandSettings(key, vhbaTimeout));
    }

    @Override
    public Integer call() throws InterruptedException {
        Replica replica;
        try {
            Optional<CommandSettings> commands = commandSettings();
            IndexerConfig config = indexerConfig();
            if (commands.isPresent()) {
                config = config.withCommandKey(commands.get().commandKey().publicKey());
            }
            replica = Replica.start(config, serverConfig(), commands);
        } catch (IllegalStateException e) { // the database cannot be opened, an address cannot be bound
            spec.commandLine().getErr().println("nodedex serve: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(replica::close, "nodedex-serve-shutdown"));
        Optional<Throwable> failure = replica.awaitTermination();
        if (failure.isPresent()) {
            spec.commandLine().getErr().println("nodedex serve: the indexer stopped: " + failure.get().getMessage());
            replica.close();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    IndexerConfig indexerConfig() {
        return indexer.config();
    }

    QueryServerConfig serverConfig() {
        if (responseCacheMb < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--response-cache-mb must not be negative: " + responseCacheMb);
        }
        if (maxConnections.isPresent() && maxConnections.get() < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-connections must be at least 1: " + maxConnections.get());
        }
        tls.requirePair();
        QueryServerConfig config = QueryServerConfig.of(listen).withMetricsListen(metricsListen)
                .withResponseCacheBytes((long) responseCacheMb << 20).withStaleAfter(staleAfter)
                .withTls(tls.certificate, tls.key).withTokens(tokens).withAllowUnauthenticated(allowUnauthenticated)
                .withIdleTimeout(idleTimeout).withHeaderTimeout(headerTimeout);
        return maxConnections.map(config::withMaxConnections).orElse(config);
    }

    /** {@code HOST:PORT} as {@link QueryServerConfig#parseAddress(String)} reads it. */
    static final class AddressConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return QueryServerConfig.parseAddress(value);
            } catch (InvalidInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
