package io.nodedex.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A socket the service manager passed to this process.
 *
 * @param fd its file descriptor, from {@value SocketActivation#FIRST_FD} on
 * @param name its name from {@code LISTEN_FDNAMES} ({@code FileDescriptorName=} in the socket
 *     unit); empty when the manager gave no names, or gave systemd's placeholder {@code unknown}
 */
record InheritedSocket(int fd, Optional<String> name) {
    public InheritedSocket {
        if (fd < SocketActivation.FIRST_FD) {
            throw new IllegalArgumentException("inherited sockets start at fd " + SocketActivation.FIRST_FD + ": "
                    + fd);
        }
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return "fd " + fd + name.map(n -> " (named " + n + ")").orElse(" (unnamed)");
    }
}
