package io.nodedex.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two clocks of a connection (docs/design.md, "Hostile clients"):
 * <ul>
 *   <li>the <b>idle timeout</b>: a connection that neither reads nor writes a byte for that long
 *       is closed, whatever state it is in;</li>
 *   <li>the <b>header timeout</b>: a request must be read whole (request line and headers, and
 *       its body if it has one) within that time from its first byte, else the connection is
 *       closed. This is what stops a client that keeps a connection busy by trickling a byte at a
 *       time (slowloris), which the idle timeout never sees idle.</li>
 * </ul>
 * One instance per connection, made by {@link Clocks#forConnection()}: its {@link #start()}
 * handler sits before the HTTP decoder (it sees a request's first bytes), its {@link #end()}
 * handler after the aggregator (it sees the whole request). Closes are counted in
 * {@link Clocks}.
 *
 * <p>Threading: every method runs on the connection's event loop, so the state needs no locks.
 */
final class ReadTimeouts {

    /** The two timeouts of a listener and what they closed; shared by its connections, thread-safe. */
    static final class Clocks {
        private final Duration idle;
        private final Duration header;
        private final LongAdder idleClosed = new LongAdder();
        private final LongAdder headerClosed = new LongAdder();

        Clocks(Duration idle, Duration header) {
            this.idle = idle;
            this.header = header;
        }

        ReadTimeouts forConnection() {
            return new ReadTimeouts(this);
        }

        Duration header() {
            return header;
        }

        /** Connections closed because they were idle. */
        long idleClosed() {
            return idleClosed.sum();
        }

        /** Connections closed because a request was not read in time. */
        long headerClosed() {
            return headerClosed.sum();
        }
    }

    private final Clocks clocks;
    private Optional<ScheduledFuture<?>> deadline = Optional.empty();

    private ReadTimeouts(Clocks clocks) {
        this.clocks = clocks;
    }

    /** Closes the connection when it has been idle for the idle timeout. First in the pipeline. */
    ChannelHandler idle() {
        return new IdleStateHandler(true, 0, 0, clocks.idle.toNanos(), TimeUnit.NANOSECONDS) {
            @Override
            protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
                clocks.idleClosed.increment();
                ctx.close();
            }
        };
    }

    /** Starts the header clock on the first bytes of a request. Before the HTTP decoder. */
    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (deadline.isEmpty() && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    deadline = Optional.of(ctx.executor().schedule(() -> {
                        clocks.headerClosed.increment();
                        ctx.close();
                    }, clocks.header.toNanos(), TimeUnit.NANOSECONDS));
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };
    }

    /** Stops the header clock once the request is read whole. After the aggregator. */
    ChannelHandler end() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof FullHttpRequest) {
                    stop();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void stop() {
        deadline.ifPresent(future -> future.cancel(false));
        deadline = Optional.empty();
    }
}
