package io.nodedex.api;

import java.util.OptionalInt;

/** Looks at an inherited file descriptor without taking it over. */
interface SocketInspector {

    /**
     * The TCP port the descriptor is a listening socket on; empty when it is not a listening
     * TCP socket (a UNIX socket, a datagram socket, a connected socket, not a socket at all).
     */
    OptionalInt listeningPort(int fd);
}
