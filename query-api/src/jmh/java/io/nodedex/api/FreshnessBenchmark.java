package io.nodedex.api;

import io.nodedex.agent.PublisherStats;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Freshness benchmark: the time from an agent observing a change to the API showing it,
 * in one run on loopback:
 * <ol>
 *   <li>a real KRaft broker and topic; an indexer replica with two query servers over it, one with
 *       the response cache (the default) and one without; both ready;</li>
 *   <li>{@code --hosts} agents' publishers ({@link FleetAgents}: the agent's real
 *       {@code HostPublisher}) publish a snapshot each (4 live HBAs, 2 vHBAs per host), and
 *       the indexer applies them;</li>
 *   <li>a cold-start phase at the steady rate for {@code --warm-up} s (default 20), measured and
 *       printed but not compared: the JIT compiles the churn's paths meanwhile, and until it has,
 *       the indexer applies more slowly than events arrive, so a backlog builds and drains (a
 *       long-running replica pays this once, after its start);</li>
 *   <li>a light phase ({@code --light-rate} events/s for {@code --light-duration} s: the baseline),
 *       then a steady phase ({@code --rate} events/s for {@code --duration} s) of HBA vport-count
 *       upserts ({@link Churn}), each observed when it is handed to its host's publisher;</li>
 *   <li>meanwhile up to {@code --samples} changes per second are probed ({@link Probe}), alternately
 *       on the cached and the uncached server: polled over HTTP until they show;</li>
 * </ol>
 * and prints per phase the achieved rate, the publishers' and the indexer's counts, and per server
 * the freshness p50 / p90 / p99 / max. Run it with {@code query-api/bench/freshness.sh}.
 */
public final class FreshnessBenchmark {

    /** Each HBA's capacity: large enough that churned vport counts never reach it. */
    private static final int MAX_VPORTS = 1 << 20;
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(10);
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);
    private static final int PROBE_THREADS = 4;

    private FreshnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("nodedex-freshness");
        System.out.printf("load average at start: %s%n", loadAverage());
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            EventTopics topics = EventTopics.named("bench.events");
            String topic = topics.events().name();
            topics.createWith(kafka::createTopic);
            try (Indexer indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), work.resolve("db"))
                    .withTopics(topics))) {
                Thread indexing = new Thread(indexer, "nodedex-indexer");
                indexing.start();
                QueryServerConfig config = QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0));
                try (QueryServer cached = QueryServer.start(config, indexer.reader());
                        QueryServer uncached = QueryServer.start(config.withResponseCacheBytes(0), indexer.reader());
                        FleetAgents agents = FleetAgents.start(kafka.bootstrapServers(), topic, options.hosts,
                                work.resolve("agents"))) {
                    BenchFleet.awaitReady(cached.address());
                    BenchFleet.awaitReady(uncached.address());
                    IndexReader reader = indexer.reader();
                    for (int host = 0; host < options.hosts; host++) {
                        agents.publish(host, new HostSnapshot(BenchFleet.host(host, MAX_VPORTS)));
                    }
                    awaitAtLeast("the indexer to apply the snapshots", options.hosts,
                            () -> reader.counters().eventsApplied());
                    System.out.printf("nodedex freshness benchmark: %d hosts (%d HBAs churned), one agent publisher"
                            + " each (KafkaEventSink: idempotent, acks=all), 3 partitions, %s transport,"
                            + " probes on %d threads, every probe bounded by %d s%n", options.hosts,
                            options.hosts * BenchFleet.HBAS, cached.transport(), PROBE_THREADS,
                            PROBE_DEADLINE.toSeconds());
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    List<Target> targets = List.of(
                            new Target("cache on", new Probe(client, cached.address(), PROBE_DEADLINE)),
                            new Target("cache off", new Probe(client, uncached.address(), PROBE_DEADLINE)));
                    Churn churn = new Churn(agents, options.hosts, MAX_VPORTS);
                    Phase coldStart = new Phase("cold start", options.rate, options.warmUp);
                    Phase light = new Phase("light", options.lightRate, options.lightDuration);
                    Phase steady = new Phase("steady", options.rate, options.duration);
                    run(coldStart, churn, targets, options.samples, agents, reader);
                    Map<Target, LatencySummary> baseline = run(light, churn, targets, options.samples, agents, reader);
                    Map<Target, LatencySummary> loaded = run(steady, churn, targets, options.samples, agents, reader);
                    System.out.printf("%nsteady / light:%n");
                    for (Target target : targets) {
                        if (baseline.containsKey(target) && loaded.containsKey(target)) {
                            LatencySummary b = baseline.get(target);
                            LatencySummary l = loaded.get(target);
                            System.out.printf("  %-10s p50 %.2f, p90 %.2f, p99 %.2f%n", target.name, l.p50() / b.p50(),
                                    l.p90() / b.p90(), l.p99() / b.p99());
                        }
                    }
                    System.out.printf("load average at end: %s%n", loadAverage());
                }
            }
        }
    }

    /** A churn phase: its name, target rate and length. */
    private record Phase(String name, int rate, Duration duration) {
    }

    /**
     * A query server being probed, and what its probes measured in the current phase. Probes
     * record from the probe threads; the phase reads after they finished.
     */
    private static final class Target {

        private final String name;
        private final Probe probe;
        private final ConcurrentLinkedQueue<Long> freshness = new ConcurrentLinkedQueue<>();
        private final AtomicLong missed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();

        Target(String name, Probe probe) {
            this.name = name;
            this.probe = probe;
        }

        void reset() {
            freshness.clear();
            missed.set(0);
            failed.set(0);
        }

        void probe(Churn.Change change) {
            try {
                OptionalLong nanos = probe.freshnessNanos(change);
                if (nanos.isPresent()) {
                    freshness.add(nanos.getAsLong());
                } else {
                    missed.incrementAndGet();
                }
            } catch (IOException e) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code phase}, prints what it measured, and answers each probed server's freshness. */
    private static Map<Target, LatencySummary> run(Phase phase, Churn churn, List<Target> targets,
            int samplesPerSecond, FleetAgents agents, IndexReader reader) throws InterruptedException {
        targets.forEach(Target::reset);
        PublisherStats before = agents.totals();
        long appliedBefore = reader.counters().eventsApplied();
        ThreadPoolExecutor probes = new ThreadPoolExecutor(PROBE_THREADS, PROBE_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), task -> new Thread(task, "bench-probe"));
        // filled on the churn's thread, read here once Churn.run returned (its scheduler terminated)
        List<Future<?>> pending = new ArrayList<>();
        AtomicLong skipped = new AtomicLong();
        long[] sampled = {0};
        Churn.Result result;
        try {
            int sampleEvery = Math.max(1, phase.rate() / samplesPerSecond);
            result = churn.run(phase.rate(), phase.duration(), sampleEvery, change -> {
                Target target = targets.get((int) (sampled[0]++ % targets.size()));
                try {
                    pending.add(probes.submit(() -> target.probe(change)));
                } catch (RejectedExecutionException e) {
                    skipped.incrementAndGet();
                }
            });
            long giveUp = System.nanoTime() + PROBE_DEADLINE.plusSeconds(5).toNanos();
            for (Future<?> probe : pending) {
                try {
                    probe.get(Math.max(0, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("a probe failed or outlived its deadline", e);
                }
            }
        } finally {
            probes.shutdownNow();
        }
        awaitAtLeast("the publishers to deliver the phase", before.delivered() + result.events(),
                () -> agents.totals().delivered());
        awaitAtLeast("the indexer to apply the phase", appliedBefore + result.events(),
                () -> reader.counters().eventsApplied());
        PublisherStats after = agents.totals();
        long applied = reader.counters().eventsApplied() - appliedBefore;
        System.out.printf("%n%s phase: %d events/s for %d s: published %d events at %.1f events/s%s;"
                + " delivered %d (dropped %d, failed sends %d, resnapshots %d); indexer applied %d"
                + " (heartbeats included); probes skipped (queue full) %d%n", phase.name(), phase.rate(),
                phase.duration().toSeconds(), result.events(), result.rate(),
                result.completed() ? "" : " (DID NOT FINISH)", after.delivered() - before.delivered(),
                after.dropped() - before.dropped(), after.failedSends() - before.failedSends(),
                after.resnapshots() - before.resnapshots(), applied, skipped.get());
        System.out.printf("  %-10s %8s %7s %7s %9s %9s %9s %9s%n", "server", "samples", "missed", "errors",
                "p50 ms", "p90 ms", "p99 ms", "max ms");
        Map<Target, LatencySummary> summaries = new LinkedHashMap<>();
        for (Target target : targets) {
            Optional<LatencySummary> summary = LatencySummary.ofNanos(List.copyOf(target.freshness));
            summary.ifPresent(s -> summaries.put(target, s));
            String numbers = summary
                    .map(s -> String.format("%8d %7d %7d %9.2f %9.2f %9.2f %9.2f", s.count(), target.missed.get(),
                            target.failed.get(), s.p50(), s.p90(), s.p99(), s.max()))
                    .orElse(String.format("%8d %7d %7d (no samples)", 0, target.missed.get(),
                            target.failed.get()));
            System.out.printf("  %-10s %s%n", target.name, numbers);
        }
        return summaries;
    }

    /** Waits (at most {@link #SETTLE_DEADLINE}) until {@code value} reaches {@code target}. */
    private static void awaitAtLeast(String what, long target, LongSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        while (value.getAsLong() < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + SETTLE_DEADLINE.toSeconds() + " s waiting for "
                        + what + ": " + value.getAsLong() + " of " + target);
            }
            Thread.sleep(10);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The harness's options. */
    private record Options(int hosts, int rate, Duration duration, int lightRate, Duration lightDuration,
            int samples, Duration warmUp) {
        static Options parse(String[] args) {
            int hosts = 200;
            int rate = 1000;
            long duration = 30;
            int lightRate = 10;
            long lightDuration = 20;
            int samples = 20;
            long warmUp = 20;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                int value = Integer.parseInt(args[i + 1]);
                if (value < 1) {
                    throw new IllegalArgumentException("option " + args[i] + " must be at least 1, got " + value);
                }
                switch (args[i]) {
                    case "--hosts" -> hosts = value;
                    case "--rate" -> rate = value;
                    case "--duration" -> duration = value;
                    case "--light-rate" -> lightRate = value;
                    case "--light-duration" -> lightDuration = value;
                    case "--samples" -> samples = value;
                    case "--warm-up" -> warmUp = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --hosts --rate --duration --light-rate --light-duration --samples --warm-up)");
                }
            }
            return new Options(hosts, rate, Duration.ofSeconds(duration), lightRate, Duration.ofSeconds(lightDuration),
                    samples, Duration.ofSeconds(warmUp));
        }
    }
}
