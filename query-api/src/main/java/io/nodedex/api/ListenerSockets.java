package io.nodedex.api;

import java.util.Optional;

/**
 * Which inherited socket serves which listener of the query server.
 *
 * @param http the socket of the API (every route)
 * @param metrics the socket of the operational routes served apart ({@code /metrics},
 *     {@code /healthz}, {@code /readyz}), when one was passed
 */
record ListenerSockets(InheritedSocket http, Optional<InheritedSocket> metrics) {
}
