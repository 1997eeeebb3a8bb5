package io.nodedex.api;

import io.netty.channel.ChannelHandlerContext;
import io.nodedex.indexer.ChangeCursor;
import io.nodedex.indexer.ChangeFilter;
import io.nodedex.indexer.ChangePage;
import io.nodedex.indexer.IndexReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A long poll of the change feed ({@link ChangesRoute}): answers one page of JSON as soon as a
 * change after the cursor is written, or the empty page (with its cursor) when {@code wait} runs
 * out. Every step runs on the connection's event loop; {@link #wake()} may be called from any
 * thread.
 */
final class ChangePoll implements ApiResponse.Continuation, ChangeWatchers.Watcher {

    private final IndexReader reader;
    private final ChangeWatchers watchers;
    private final ChangeFilter filter;
    private final int limit;
    private final Duration wait;
    private final AtomicBoolean woken = new AtomicBoolean();
    private ChangeCursor cursor;
    private ChannelHandlerContext ctx;
    private Runnable done;
    private boolean answered;

    ChangePoll(IndexReader reader, ChangeWatchers watchers, ChangeCursor cursor, ChangeFilter filter, int limit,
            Duration wait) {
        this.reader = reader;
        this.watchers = watchers;
        this.cursor = cursor;
        this.filter = filter;
        this.limit = limit;
        this.wait = wait;
    }

    @Override
    public void start(ChannelHandlerContext ctx, Runnable done) {
        this.ctx = ctx;
        this.done = done;
        watchers.add(this);
        ctx.channel().closeFuture().addListener(closed -> watchers.remove(this));
        ctx.executor().schedule(() -> answer(ApiResponse.ok(ChangesRoute.json(new ChangePage(List.of(),
                cursor)))), wait.toNanos(), TimeUnit.NANOSECONDS);
        // a batch written between the first read and joining the watchers woke no one: look once more
        wake();
    }

    @Override
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            ctx.executor().execute(this::look);
        }
    }

    @Override
    public void keepAlive() {
        // a long poll answers within the idle timeout
    }

    private void look() {
        woken.set(false);
        if (answered || !ctx.channel().isActive()) {
            watchers.remove(this);
            return;
        }
        ApiResponse response = Exchange.run("GET", ChangesRoute.PATH, () -> {
            ChangePage page = ChangesRoute.page(reader, cursor, filter, limit);
            cursor = page.next();
            return page.changes().isEmpty() ? null : ApiResponse.ok(ChangesRoute.json(page));
        });
        if (response != null) {
            answer(response);
        }
    }

    private void answer(ApiResponse response) {
        if (answered) {
            return;
        }
        answered = true;
        watchers.remove(this);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(RequestHandler.http(response, false));
        }
        done.run();
    }
}
