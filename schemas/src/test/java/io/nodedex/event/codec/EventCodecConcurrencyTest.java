package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class EventCodecConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 200;

    @Test
    void oneCodecEncodesAndDecodesOnManyThreadsAtOnce() throws Exception {
        EventCodec codec = new EventCodec();
        List<Event> events = new ArrayList<>(SampleEvents.everyPayload());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        Event original = events.get((thread + round) % events.size());
                        Event event = new Event(new EventHeader("host-" + thread, thread, round,
                                original.header().source(), original.header().observedAt()), original.payload());
                        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(ROUNDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBuiltCodecKeepsWorkingWhenTheApplicationReplacesAvrosClassTrust() {
        EventCodec codec = new EventCodec();
        Event snapshot = SampleEvents.event(SampleEvents.typicalHost());
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
        try {
            assertThat(codec.decode(codec.encode(snapshot))).isEqualTo(snapshot);
            assertThat(((HostSnapshot) snapshot.payload()).devices()).isNotEmpty();
        } finally {
            ClassSecurityValidator.setGlobal(previous);
        }
    }
}
