package io.nodedex.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The handlers of every connection of one listener, in order: the idle clock; TLS when the
 * listener serves HTTPS (its handshake bounded by the header timeout); the header clock's start;
 * the HTTP/1.1 codec with its request-line and header limits; keep-alive; an aggregator that
 * refuses bodies over {@value #MAX_BODY} bytes (413); the header clock's end
 * ({@link ReadTimeouts}); and the {@link RequestHandler}. A connection over the listener's
 * {@link ConnectionGuard} cap is closed before any handler is added. Shared by the connections
 * of one listener; {@link #initChannel} runs on each new connection's event loop.
 */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {

    /**
     * The largest request body accepted: room for the write routes to come; the read routes
     * ignore a body.
     */
    static final int MAX_BODY = 1 << 20;

    private final Dispatcher dispatcher;
    private final ApiMetrics metrics;
    private final Executor executor;
    private final Executor writes;
    private final Optional<SslContext> tls;
    private final ConnectionGuard guard;
    private final ReadTimeouts.Clocks clocks;

    HttpPipeline(Dispatcher dispatcher, ApiMetrics metrics, Executor executor, Executor writes, Optional<SslContext> tls,
            ConnectionGuard guard, ReadTimeouts.Clocks clocks) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.executor = executor;
        this.writes = writes;
        this.tls = tls;
        this.guard = guard;
        this.clocks = clocks;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!guard.admit(channel)) {
            return;
        }
        ReadTimeouts timeouts = clocks.forConnection();
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", timeouts.idle());
        tls.ifPresent(context -> {
            SslHandler handler = context.newHandler(channel.alloc());
            handler.setHandshakeTimeoutMillis(clocks.header().toMillis());
            pipeline.addLast("tls", handler);
        });
        pipeline.addLast("request-clock", timeouts.start())
                .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(Dispatcher.MAX_REQUEST_LINE)
                        .setMaxHeaderSize(Dispatcher.MAX_HEADER_SIZE)))
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregate", new BodyLimit())
                .addLast("request-read", timeouts.end())
                .addLast("api", new RequestHandler(dispatcher, metrics, executor, writes));
    }

    /** Aggregates a request; a body over the limit is a 413 in the error shape, then the connection closes. */
    private static final class BodyLimit extends HttpObjectAggregator {
        BodyLimit() {
            super(MAX_BODY);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ApiResponse error = ApiResponse.error(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than "
                    + MAX_BODY + " bytes");
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(),
                    Unpooled.wrappedBuffer(error.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, error.body().length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
