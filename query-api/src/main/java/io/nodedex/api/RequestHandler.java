package io.nodedex.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.nodedex.api.Route.Execution;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers the requests of one connection, in order.
 *
 * <p>Threading: every method runs on the connection's event-loop thread. An exchange marked
 * {@link Execution#EVENT_LOOP} is answered right there; one marked {@link Execution#EXECUTOR}
 * runs on the server's small executor ({@link Execution#WAITING}: on its write threads), and its answer is written back from the event loop. While
 * it runs, the connection stops reading, and requests that were already decoded (pipelined) wait
 * in a queue, so answers always leave in request order (HTTP/1.1 pipelining).
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    /** The most requests that wait behind a busy one before the connection is closed. */
    static final int MAX_WAITING = 64;

    private final Dispatcher dispatcher;
    private final ApiMetrics metrics;
    private final Executor executor;
    private final Executor writes;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestHandler(Dispatcher dispatcher, ApiMetrics metrics, Executor executor, Executor writes) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.executor = executor;
        this.writes = writes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        if (busy) {
            if (waiting.size() == MAX_WAITING) {
                // pipelined past any reasonable client, or behind an event stream that never ends
                request.release();
                ctx.close();
                return;
            }
            waiting.add(request);
        } else {
            serve(ctx, request);
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        Exchange exchange;
        try {
            exchange = dispatcher.exchange(request);
        } finally {
            request.release();
        }
        if (exchange.execution() == Execution.EVENT_LOOP) {
            respond(ctx, exchange, exchange.answer(), start);
            return;
        }
        busy = true;
        ctx.channel().config().setAutoRead(false);
        try {
            (exchange.execution() == Execution.WAITING ? writes : executor).execute(() -> {
                ApiResponse response = exchange.answer();
                ctx.executor().execute(() -> finish(ctx, exchange, response, start));
            });
        } catch (RejectedExecutionException e) {
            finish(ctx, exchange, ApiResponse.error(ErrorCode.OVERLOADED, "too many expensive requests are queued ("
                    + exchange.route() + "); retry later"), start);
        }
    }

    private void finish(ChannelHandlerContext ctx, Exchange exchange, ApiResponse response, long start) {
        busy = false;
        ctx.channel().config().setAutoRead(true);
        respond(ctx, exchange, response, start);
    }

    /**
     * Writes the answer, or hands the connection to its {@link ApiResponse.Continuation} until it
     * is done; then serves the requests waiting.
     */
    private void respond(ChannelHandlerContext ctx, Exchange exchange, ApiResponse response, long start) {
        if (response.continuation().isPresent()) {
            metrics.record(exchange.method(), exchange.route(), response.status().code(), System.nanoTime() - start);
            busy = true;
            response.continuation().get().start(ctx, () -> {
                busy = false;
                serveWaiting(ctx);
            });
            return;
        }
        write(ctx, exchange, response, start);
        serveWaiting(ctx);
    }

    private void serveWaiting(ChannelHandlerContext ctx) {
        while (!busy && !waiting.isEmpty()) {
            serve(ctx, waiting.poll());
        }
    }

    /** Writes the answer; to a {@code HEAD} request, the same status and headers without the body. */
    private void write(ChannelHandlerContext ctx, Exchange exchange, ApiResponse response, long start) {
        FullHttpResponse http = http(response, HttpMethod.HEAD.name().equals(exchange.method()));
        if (exchange.closeAfter()) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(http);
        }
        metrics.record(exchange.method(), exchange.route(), response.status().code(), System.nanoTime() - start);
    }

    /** The HTTP response of an answer; without its body for a {@code HEAD} request. */
    static FullHttpResponse http(ApiResponse response, boolean head) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        HttpHeaders headers = http.headers();
        if (!HttpResponseStatus.NOT_MODIFIED.equals(response.status())) { // a 304 describes the unsent 200
            headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        }
        response.headers().forEach(headers::set);
        return http;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
