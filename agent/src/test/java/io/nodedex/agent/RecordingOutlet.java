package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Payload;
import io.nodedex.event.Source;

/** An {@link Outlet} that records what sources publish, for tests to take in order with a deadline. */
public final class RecordingOutlet implements Outlet {

    /** One publication. */
    public record Published(Source source, Payload payload) {
    }

    private final Handoff<Published> published = new Handoff<>();

    @Override
    public void publish(Source source, Payload payload) {
        published.accept(new Published(source, payload));
    }

    /** The next payload, which must be a {@code type}; fails the test when none comes in time. */
    public <P extends Payload> P next(Class<P> type) throws InterruptedException {
        Payload payload = published.next().payload();
        assertThat(payload).isInstanceOf(type);
        return type.cast(payload);
    }

    /**
     * The first payload of type {@code type}, skipping others: for sources that may publish
     * intermediate states while the test changes the host under them (sysfs changes are not atomic).
     */
    public <P extends Payload> P nextOf(Class<P> type) throws InterruptedException {
        while (true) {
            Payload payload = published.next().payload();
            if (type.isInstance(payload)) {
                return type.cast(payload);
            }
        }
    }

    /** The next publication, whatever it is. */
    public Published next() throws InterruptedException {
        return published.next();
    }

    /** Publications not taken yet. */
    public int pending() {
        return published.pending();
    }
}
