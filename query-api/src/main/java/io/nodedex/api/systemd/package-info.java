/**
 * systemd socket activation for the query server: which inherited sockets
 * ({@code LISTEN_FDS}/{@code LISTEN_FDNAMES}) serve which listener, matched by name or, when the
 * service manager gave no names, by port. {@link io.nodedex.api.systemd.SocketActivation} holds
 * the rules; it is pure and stateless.
 */
package io.nodedex.api.systemd;
