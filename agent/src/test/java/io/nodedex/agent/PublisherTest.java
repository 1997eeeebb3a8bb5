package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublisherTest {

    private static final Instant NOW = Instant.parse("2024-06-10T08:00:00.123456Z");
    private static final Backoff QUICK_RETRY = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 2, false);

    private final ScriptedSink sink = new ScriptedSink();
    private final AtomicInteger resnapshots = new AtomicInteger();
    private Publisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void numbersEachSourceFromZeroWithoutGapsAndStampsHostIncarnationAndTime() throws Exception {
        start(100, Duration.ofHours(1));

        publisher.publish(Source.LIBVIRT, removal("a"));
        publisher.publish(Source.UDEV, removal("b"));
        publisher.publish(Source.LIBVIRT, removal("c"));
        publisher.publish(Source.UDEV, removal("d"));
        publisher.publish(Source.LIBVIRT, removal("e"));

        List<EventHeader> headers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            headers.add(sink.next().header());
        }
        assertThat(headers).extracting(h -> h.source() + "#" + h.sequence())
                .containsExactly("LIBVIRT#0", "UDEV#0", "LIBVIRT#1", "UDEV#1", "LIBVIRT#2");
        assertThat(headers).allSatisfy(h -> {
            assertThat(h.hostId()).isEqualTo("hv042");
            assertThat(h.incarnation()).isEqualTo(7);
            assertThat(h.observedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void sendsHeartbeatsInTheHeartbeatSourcesSequenceWhenIdle() throws Exception {
        start(100, Duration.ofMillis(20));

        Event first = sink.next();
        Event second = sink.next();
        publisher.publish(Source.UDEV, removal("a"));

        assertThat(first.payload()).isEqualTo(new Heartbeat());
        assertThat(first.header().source()).isEqualTo(Source.UDEV);
        assertThat(first.header().sequence()).isZero();
        assertThat(second.header().sequence()).isEqualTo(1);
        Event removal = nextOf(DeviceRemoved.class);
        assertThat(removal.header().sequence()).isGreaterThan(1);
    }

    @Test
    void retriesTheSameNumberedEventWhileTheSinkIsDownThenAsksForFreshSnapshots() throws Exception {
        sink.down();
        start(100, Duration.ofHours(1));

        publisher.publish(Source.LIBVIRT, removal("a"));
        Poll.until(() -> sink.attempts().size() >= 3, "three attempts");
        sink.up();
        Event delivered = sink.next();

        assertThat(sink.attempts()).allSatisfy(attempt -> assertThat(attempt).isEqualTo(delivered));
        assertThat(delivered.header().sequence()).isZero();
        Poll.until(() -> resnapshots.get() == 1, "fresh snapshots were asked for");
        assertThat(publisher.stats().failedSends()).isGreaterThanOrEqualTo(2);
        assertThat(publisher.stats().resnapshots()).isEqualTo(1);
    }

    @Test
    void aFullQueueDropsObservationsStaysBoundedAndAsksForSnapshotsOnceEventsFlowAgain() throws Exception {
        sink.down();
        start(3, Duration.ofHours(1));

        publisher.publish(Source.LIBVIRT, removal("first"));
        Poll.until(() -> !sink.attempts().isEmpty(), "the first event is being retried");
        for (int i = 0; i < 10; i++) {
            publisher.publish(Source.LIBVIRT, removal("later" + i));
        }
        PublisherStats duringOutage = publisher.stats();
        int resnapshotsDuringOutage = resnapshots.get();
        sink.up();

        assertThat(duringOutage.queued()).isEqualTo(3);
        assertThat(duringOutage.dropped()).isEqualTo(7);
        assertThat(resnapshotsDuringOutage).isZero();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sequences.add(sink.next().header().sequence());
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L);
        Poll.until(() -> resnapshots.get() == 1, "fresh snapshots were asked for");
    }

    @Test
    void anEventRejectedForGoodIsDroppedTheNextGetsTheNextNumberAndSnapshotsHealIt() throws Exception {
        start(100, Duration.ofHours(1));
        sink.rejectNext();

        publisher.publish(Source.LIBVIRT, removal("rejected"));
        publisher.publish(Source.LIBVIRT, removal("next"));

        Event next = sink.next();
        assertThat(next.payload()).isEqualTo(removal("next"));
        assertThat(next.header().sequence()).isEqualTo(1);
        Poll.until(() -> resnapshots.get() == 1, "fresh snapshots were asked for");
        assertThat(publisher.stats().rejected()).isEqualTo(1);
    }

    @Test
    void aSinkThatFailsUnexpectedlyLosesThatEventOnlyAndPublishingGoesOn() throws Exception {
        start(100, Duration.ofHours(1));
        sink.crashNext();

        publisher.publish(Source.LIBVIRT, removal("crashes"));
        publisher.publish(Source.LIBVIRT, removal("next"));

        Event next = sink.next();
        assertThat(next.payload()).isEqualTo(removal("next"));
        assertThat(next.header().sequence()).isEqualTo(1);
        assertThat(publisher.stats().rejected()).isEqualTo(1);
    }

    @Test
    void aRejectedSnapshotDoesNotAskForAnotherSnapshot() throws Exception {
        start(100, Duration.ofHours(1));
        sink.rejectNext();

        publisher.publish(Source.LIBVIRT, new HostSnapshot(List.of()));
        publisher.publish(Source.LIBVIRT, removal("next"));

        assertThat(sink.next().payload()).isEqualTo(removal("next"));
        assertThat(resnapshots.get()).isZero();
    }

    @Test
    void closingDeliversWhatIsQueuedThenClosesTheSink() throws Exception {
        sink.down();
        start(100, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            publisher.publish(Source.UDEV, removal("d" + i));
        }
        Poll.until(() -> !sink.attempts().isEmpty(), "the first event is being retried");

        sink.up();
        publisher.close();

        assertThat(sink.undelivered()).isEqualTo(5);
        assertThat(sink.isClosed()).isTrue();
        publisher.publish(Source.UDEV, removal("after close"));
        assertThat(publisher.stats().queued()).isZero();
    }

    private Event nextOf(Class<?> payloadType) throws InterruptedException {
        while (true) {
            Event event = sink.next();
            if (payloadType.isInstance(event.payload())) {
                return event;
            }
        }
    }

    private void start(int capacity, Duration heartbeat) {
        publisher = new Publisher(new Publisher.Settings("hv042", 7, capacity, heartbeat, Source.UDEV, QUICK_RETRY),
                resnapshots::incrementAndGet, Clock.fixed(NOW, ZoneOffset.UTC));
        publisher.start(sink);
    }

    private static DeviceRemoved removal(String name) {
        return new DeviceRemoved(name);
    }
}
