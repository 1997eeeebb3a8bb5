package io.nodedex.api;

import io.nodedex.event.DeviceUpserted;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A steady churn of device upserts across the fleet: each event raises the vport count of one
 * HBA by one, going round the hosts first (event {@code i} changes host {@code i mod hosts}), so
 * every host sees the same rate and a device's count only grows.
 *
 * <p>Pacing: a fixed-rate scheduler ticks every millisecond and publishes as many events as are
 * due by then ({@code elapsed × rate}, counted from the start), so late ticks catch up and the
 * rate never drifts.
 *
 * <p>Threading: {@link #run} is called by one thread at a time; the counters are only touched on
 * the scheduler's one thread while a run lasts.
 */
final class Churn {

    /** One published change: HBA {@code port} of {@code host} now has {@code vports} vports. */
    record Change(int host, int port, int vports, long observedNanos) {

        String path() {
            return "/v1/hosts/" + BenchFleet.hostId(host) + "/devices/" + BenchFleet.hbaName(port);
        }
    }

    /** What one run published, and how long it took from its first tick to its last event. */
    record Result(long events, long elapsedNanos, boolean completed) {

        double rate() {
            return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
        }
    }

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final FleetAgents agents;
    private final int hosts;
    private final int maxVports;
    private final int[] vports;
    private long next;

    /** Churns {@code hosts} hosts whose snapshot was {@link BenchFleet#host}{@code (host, maxVports)}. */
    Churn(FleetAgents agents, int hosts, int maxVports) {
        this.agents = agents;
        this.hosts = hosts;
        this.maxVports = maxVports;
        this.vports = new int[hosts * BenchFleet.HBAS];
        for (int device = 0; device < vports.length; device++) {
            vports[device] = device / hosts < 2 ? 1 : 0; // as BenchFleet.host has them
        }
    }

    /**
     * Publishes {@code rate × duration} events at {@code rate} per second, handing every
     * {@code sampleEvery}-th to {@code sampled} right after publishing it; returns once all are
     * published, or at {@code duration} plus a grace of 10 s.
     */
    Result run(int rate, Duration duration, int sampleEvery, Consumer<Change> sampled) throws InterruptedException {
        long total = rate * duration.toSeconds();
        CountDownLatch done = new CountDownLatch(1);
        long[] sent = {0};
        long[] lastNanos = {0};
        long start = System.nanoTime();
        Runnable tick = () -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            for (; sent[0] < due; sent[0]++) {
                Change change = publishNext();
                if (sent[0] % sampleEvery == 0) {
                    sampled.accept(change);
                }
            }
            lastNanos[0] = System.nanoTime();
            if (sent[0] >= total) {
                done.countDown();
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                task -> new Thread(task, "bench-churn"));
        try {
            ScheduledFuture<?> ticking = scheduler.scheduleAtFixedRate(tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
            boolean completed = done.await(duration.plusSeconds(10).toNanos(), TimeUnit.NANOSECONDS);
            ticking.cancel(false);
            scheduler.shutdown();
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the churn did not stop within 10 s");
            }
            return new Result(sent[0], lastNanos[0] - start, completed);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private Change publishNext() {
        int device = (int) (next++ % vports.length);
        int host = device % hosts;
        int port = device / hosts;
        int count = ++vports[device];
        if (count >= maxVports) {
            throw new IllegalStateException("HBA " + port + " of host " + host + " reached " + maxVports
                    + " vports: run shorter or with more hosts");
        }
        DeviceUpserted upsert = new DeviceUpserted(BenchFleet.hba(host, port, maxVports, count));
        long observed = System.nanoTime(); // the instant an agent observes the change
        agents.publish(host, upsert);
        return new Change(host, port, count, observed);
    }
}
