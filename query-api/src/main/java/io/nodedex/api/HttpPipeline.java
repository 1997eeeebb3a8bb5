package io.nodedex.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import java.util.concurrent.Executor;

/**
 * The handlers of every connection: HTTP/1.1 codec with request-line and header limits,
 * keep-alive, an aggregator that refuses bodies over {@value #MAX_BODY} bytes (413), and the {@link RequestHandler}. Shared by the connections of one listener.
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

    HttpPipeline(Dispatcher dispatcher, ApiMetrics metrics, Executor executor) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.executor = executor;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(Dispatcher.MAX_REQUEST_LINE)
                        .setMaxHeaderSize(Dispatcher.MAX_HEADER_SIZE)))
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregate", new BodyLimit())
                .addLast("api", new RequestHandler(dispatcher, metrics, executor));
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
