package io.nodedex.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.nodedex.indexer.Change;
import io.nodedex.indexer.ChangeCursor;
import io.nodedex.indexer.ChangeFilter;
import io.nodedex.indexer.ChangePage;
import io.nodedex.indexer.IndexReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed as Server-Sent Events ({@link ChangesRoute}) for as long as the connection
 * lasts: each change is an {@code event: change} whose {@code id} is its cursor (a browser's
 * {@code EventSource} sends it back as {@code Last-Event-ID} when it reconnects) and whose data is
 * the change's JSON; a comment every {@link ChangeWatchers#KEEP_ALIVE} keeps the connection
 * from idling out. A cursor that falls out of the kept changes ends the stream with an
 * {@code event: error} whose data is the error answer ({@code gone}). A client that stops reading holds the stream back, never ingestion, and
 * is closed after {@link #SLOW_CLIENT}. Every step runs on the connection's event loop;
 * {@link #wake()} and {@link #keepAlive()} may be called from any thread.
 */
final class ChangeStream implements ApiResponse.Continuation, ChangeWatchers.Watcher {

    /** How long a client may leave the stream's buffer full before it is closed. */
    static final Duration SLOW_CLIENT = Duration.ofSeconds(30);
    /** The most pages one wake writes before letting the event loop serve others. */
    private static final int PAGES_PER_WAKE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private final IndexReader reader;
    private final ChangeWatchers watchers;
    private final ChangeFilter filter;
    private final int limit;
    private final AtomicBoolean woken = new AtomicBoolean();
    private ChangePage first;
    private ChangeCursor cursor;
    private ChannelHandlerContext ctx;
    private long unwritableSince;

    ChangeStream(IndexReader reader, ChangeWatchers watchers, ChangePage first, ChangeFilter filter, int limit) {
        this.reader = reader;
        this.watchers = watchers;
        this.first = first;
        this.cursor = first.next();
        this.filter = filter;
        this.limit = limit;
    }

    @Override
    public void start(ChannelHandlerContext ctx, Runnable done) {
        this.ctx = ctx;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, ChangesRoute.EVENT_STREAM + "; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        StringBuilder text = new StringBuilder(": nodedex change feed from ").append(cursor.text()).append("\n\n");
        first.changes().forEach(change -> event(text, change));
        boolean more = first.changes().size() == limit;
        first = null;
        ctx.writeAndFlush(chunk(text));
        watchers.add(this);
        ctx.channel().closeFuture().addListener(closed -> watchers.remove(this));
        if (more) {
            wake();
        }
    }

    @Override
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            ctx.executor().execute(this::drain);
        }
    }

    @Override
    public void keepAlive() {
        ctx.executor().execute(() -> {
            if (ctx.channel().isActive() && ctx.channel().isWritable()) {
                ctx.writeAndFlush(chunk(new StringBuilder(": keep-alive\n\n")));
            }
        });
    }

    private void drain() {
        woken.set(false);
        if (!ctx.channel().isActive()) {
            watchers.remove(this);
            return;
        }
        if (!ctx.channel().isWritable()) {
            long now = System.nanoTime();
            if (unwritableSince == 0) {
                unwritableSince = now;
            } else if (now - unwritableSince > SLOW_CLIENT.toNanos()) {
                LOG.info("closing a change stream to {}: it read nothing for {} s", ctx.channel().remoteAddress(),
                        SLOW_CLIENT.toSeconds());
                ctx.close();
            }
            return;
        }
        unwritableSince = 0;
        StringBuilder text = new StringBuilder();
        try {
            for (int pages = 0; pages < PAGES_PER_WAKE; pages++) {
                ChangePage page = ChangesRoute.page(reader, cursor, filter, limit);
                page.changes().forEach(change -> event(text, change));
                cursor = page.next();
                if (page.changes().size() < limit) {
                    break;
                }
                if (pages == PAGES_PER_WAKE - 1) {
                    wake();
                }
            }
        } catch (RuntimeException e) {
            ApiResponse error = Exchange.run("GET", ChangesRoute.PATH, () -> {
                throw e;
            });
            text.append("event: error\ndata: ").append(new String(error.body(), StandardCharsets.UTF_8)).append("\n\n");
            ctx.writeAndFlush(chunk(text)).addListener(written -> ctx.close());
            watchers.remove(this);
            return;
        }
        if (!text.isEmpty()) {
            ctx.writeAndFlush(chunk(text));
        }
    }

    private static void event(StringBuilder text, Change change) {
        text.append("id: ").append(change.cursor().text()).append("\nevent: change\ndata: ")
                .append(new String(Json.bytes(ChangesRoute.json(change)), StandardCharsets.UTF_8)).append("\n\n");
    }

    private DefaultHttpContent chunk(StringBuilder text) {
        ByteBuf bytes = ctx.alloc().buffer(text.length() + 16);
        bytes.writeCharSequence(text, StandardCharsets.UTF_8);
        return new DefaultHttpContent(bytes);
    }
}
