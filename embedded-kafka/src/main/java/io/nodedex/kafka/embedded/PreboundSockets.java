package io.nodedex.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Listening sockets bound before the broker's configuration is written, handed to the broker's
 * socket server when it opens its listeners.
 *
 * <p>Picking a "free" port by binding and closing a probe socket leaves a window in which
 * another process can take the port, and a controller that then fails to bind is a fatal fault.
 * Binding first and passing the bound channel on leaves no such window.
 *
 * <p>Threading: all methods are synchronized; the broker's startup thread calls
 * {@link #openServerSocket} while the owner may call {@link #close}.
 */
final class PreboundSockets implements ServerSocketFactory, AutoCloseable {

    private static final int BACKLOG = 50;

    private final String host;
    private final Map<String, ServerSocketChannel> unclaimed = new HashMap<>();

    PreboundSockets(String host) {
        this.host = host;
    }

    /**
     * Binds a listening socket for {@code listener} on {@code port} (0 picks a free port).
     *
     * @return the bound port
     * @throws IllegalStateException if the port is already in use
     */
    synchronized int bind(String listener, int port) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.socket().setReuseAddress(true);
            channel.socket().bind(new InetSocketAddress(host, port), BACKLOG);
            unclaimed.put(listener, channel);
            return channel.socket().getLocalPort();
        } catch (BindException e) {
            closeQuietly(channel);
            throw new IllegalStateException(
                    "cannot bind listener " + listener + " to " + host + ":" + port
                            + ": the port is already in use", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(
                    "cannot bind listener " + listener + " to " + host + ":" + port, e);
        }
    }

    /**
     * Called by the broker's socket server: hands over the channel bound for {@code listener}.
     * A listener that was not bound here is opened the way Kafka opens it by default.
     */
    @Override
    public synchronized ServerSocketChannel openServerSocket(
            String listener, InetSocketAddress address, int backlog, int receiveBufferSize)
            throws IOException {
        ServerSocketChannel channel = unclaimed.remove(listener);
        if (channel == null) {
            return ServerSocketFactory.INSTANCE.openServerSocket(
                    listener, address, backlog, receiveBufferSize);
        }
        return channel;
    }

    /** Closes the sockets the broker did not take over (it closes the ones it took). */
    @Override
    public synchronized void close() {
        unclaimed.values().forEach(PreboundSockets::closeQuietly);
        unclaimed.clear();
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        Utils.closeQuietly(channel, "prebound server socket");
    }
}
