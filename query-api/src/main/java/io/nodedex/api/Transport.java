package io.nodedex.api;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * The Netty transport: epoll on Linux when its native library loads, NIO elsewhere. Only epoll
 * can take over inherited sockets (socket activation).
 */
final class Transport {

    // Linux <sys/socket.h>
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SOCK_STREAM = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when available, else NIO. */
    static Transport best() {
        return new Transport(Epoll.isAvailable());
    }

    /** {@code epoll} or {@code nio}. */
    String name() {
        return epoll ? "epoll" : "nio";
    }

    /** An event-loop group of {@code threads} daemon threads named {@code prefix-N}. */
    EventLoopGroup group(int threads, String prefix) {
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(prefix, true), handlers);
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** A server channel over an inherited listening socket; never binds. */
    ServerChannel adopt(int fd) {
        requireEpoll();
        return new EpollServerSocketChannel(fd);
    }

    /** Tells the port an inherited descriptor listens on, with {@code getsockopt}/{@code getsockname}. */
    SocketInspector inspector() {
        requireEpoll();
        return fd -> {
            Socket socket = new Socket(fd); // a view of the descriptor: never closed here
            try {
                int domain = socket.getIntOpt(SOL_SOCKET, SO_DOMAIN);
                if (socket.getIntOpt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM
                        || socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) == 0
                        || (domain != AF_INET && domain != AF_INET6)) {
                    return OptionalInt.empty();
                }
                InetSocketAddress local = socket.localAddress();
                return local == null ? OptionalInt.empty() : OptionalInt.of(local.getPort());
            } catch (IOException e) {
                return OptionalInt.empty(); // not a socket, or closed
            }
        };
    }

    private void requireEpoll() {
        if (!epoll) {
            throw new InvalidInputException("socket activation: inherited sockets need the epoll transport, which is"
                    + " unavailable here: " + Epoll.unavailabilityCause());
        }
    }
}
