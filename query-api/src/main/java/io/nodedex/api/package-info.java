/**
 * The query API: HTTP/JSON over an indexer replica (docs/design.md, "Query API"): reads, the
 * change feed, and vHBA requests decided by the replicas' fold ("Decisions are events").
 *
 * <h2>Public face</h2>
 * Three types: {@link io.nodedex.api.QueryServer} (start, address, close) with its
 * {@link io.nodedex.api.QueryServerConfig}, and {@link io.nodedex.api.Replica}, an indexer and a
 * server in one process. Everything else is package-private machinery: the Netty pipeline and
 * transport, the router and routes (each declaring the {@code Role} a caller needs), the token
 * file and the {@code Authenticator}, TLS ({@code ServerTls}), the connection cap
 * ({@code ConnectionGuard}) and clocks ({@code ReadTimeouts}), the response cache, readiness,
 * metrics, systemd socket activation ({@code SocketActivation}: which inherited
 * {@code LISTEN_FDS}/{@code LISTEN_FDNAMES} socket serves which listener, by name or, when the
 * service manager gave no names, by port), the web page's files ({@code WebAssets}: the page
 * in {@code io/nodedex/api/web/} that reads the {@code /v1} routes in a browser), the change feed
 * ({@code ChangesRoute}, {@code ChangeStream}, {@code ChangePoll}, {@code ChangeWatchers}) and the
 * vHBA write routes ({@code VhbaRoutes}, {@code VhbaWrites}, {@code VhbaCoordinator}).
 * The JSON shapes the CLI prints too live in core ({@code io.nodedex.json}), so offline commands
 * and the API print the same bytes.
 *
 * <h2>Threading</h2>
 * Netty event-loop threads decode requests and answer the routes bounded by one host or one key
 * in place; datacenter-wide routes run on a bounded executor, so they never stall the event
 * loops; the web page's files, held in memory, are answered on the event loops too. Handlers only
 * read the indexer's {@code IndexReader}, which is safe from any thread. The
 * per-connection handlers (the request handler, the clocks of {@code ReadTimeouts}) keep their
 * state unlocked because every call for a connection runs on its event loop; what connections
 * share (the authenticator, the connection cap, the cache, the metrics) is immutable or
 * thread-safe. A long poll or an event stream of the change feed holds its connection and runs
 * on its event loop; one thread ({@code ChangeWatchers}) only wakes them when the replica wrote a
 * batch. The write routes wait for the fold on an executor of their own; a replica with a command
 * key runs one more thread that publishes the decided commands and the expiries. See
 * {@link io.nodedex.api.QueryServer} for the details.
 */
package io.nodedex.api;
