package io.nodedex.api;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Load benchmark of the query API against a bare Netty server, in one run on loopback:
 * <ol>
 *   <li>a real KRaft broker, a fleet of {@code --hosts} hosts (4 HBAs on 2 fabrics and 2 vHBAs
 *       each, live vport counts) published through the real codec, an indexer caught up with it
 *       and two query servers over it, one without and one with the response cache;</li>
 *   <li>a bare Netty server (same transport, same event-loop threads, same codec and keep-alive,
 *       answering a constant body of the size of a real {@code /v1/wwpn} answer);</li>
 *   <li>{@code wrk} (threads, connections, duration as given) against the bare server,
 *       {@code GET /healthz}, {@code GET /v1/wwpn/{w}} cycling through 256 WWPNs and
 *       {@code GET /v1/npiv/parent} cycling through 256 hosts (by fabric), each after a warm-up
 *       run: first on a query server without the response cache (every request reads RocksDB,
 *       decodes, resolves and writes JSON), then on one with it (the default);</li>
 * </ol>
 * and prints requests/s, p99 latency and the ratio to the bare server. Run it with
 * {@code query-api/bench/run.sh} (options, with their defaults: {@code --hosts 1000 --duration 10
 * --warmup 3 --rounds 3 --threads 2 --connections 32 --io-threads <processors>}).
 */
public final class QueryBenchmark {

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("nodedex-bench");
        Random random = new Random(2026);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            EventTopics topics = EventTopics.named("bench.events");
            String topic = topics.events().name();
            topics.createWith(kafka::createTopic);
            TestFleet.publish(kafka.bootstrapServers(), topic, BenchFleet.snapshots(options.hosts, 64), false);
            try (Indexer indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), work.resolve("db"))
                    .withTopics(topics))) {
                Thread indexing = new Thread(indexer, "nodedex-indexer");
                indexing.start();
                QueryServerConfig config = QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0))
                        .withIoThreads(options.ioThreads);
                try (QueryServer uncached = QueryServer.start(config.withResponseCacheBytes(0), indexer.reader());
                        QueryServer cached = QueryServer.start(config, indexer.reader())) {
                    BenchFleet.awaitReady(uncached.address());
                    BenchFleet.awaitReady(cached.address());
                    List<String> wwpns = sample(random, options.hosts,
                            host -> "/v1/wwpn/" + BenchFleet.hex(BenchFleet.wwpn(host, random.nextInt(4))));
                    List<String> npiv = sample(random, options.hosts, host -> "/v1/npiv/parent?host="
                            + BenchFleet.hostId(host) + "&parentFabricWwn=" + BenchFleet.hex(BenchFleet.fabric(random.nextInt(2))));
                    byte[] constant = get(uncached.address(), wwpns.get(0));
                    try (BareServer bare = BareServer.start(options.ioThreads, constant)) {
                        Wrk wrk = new Wrk(options.threads, options.connections);
                        System.out.printf("nodedex query API benchmark: %d hosts, %s transport, %d I/O threads;"
                                + " wrk -t%d -c%d, %d s per run, %d s warm-up;"
                                + " bare body %d bytes (a /v1/wwpn answer)%n",
                                options.hosts, uncached.transport(), options.ioThreads, options.threads,
                                options.connections, options.duration.toSeconds(), options.warmup.toSeconds(),
                                constant.length);
                        List<Target> targets = List.of(
                                new Target("bare Netty, constant JSON", bare.address(), List.of("/")),
                                new Target("GET /healthz (no reads)", uncached.address(), List.of("/healthz")),
                                new Target("GET /v1/wwpn/{wwn}", uncached.address(), wwpns),
                                new Target("GET /v1/npiv/parent", uncached.address(), npiv),
                                new Target("GET /v1/wwpn/{wwn}, cached", cached.address(), wwpns),
                                new Target("GET /v1/npiv/parent, cached", cached.address(), npiv));
                        report(wrk, targets, options, work);
                    }
                }
            }
        }
    }

    /** A server and the paths to request from it. */
    private record Target(String name, InetSocketAddress server, List<String> paths) {
    }

    /**
     * Warms every target up, then runs them in turn {@code --rounds} times (so that the load of a
     * shared machine spreads over all of them) and prints the median of each and its ratio to the
     * bare server's median.
     */
    private static void report(Wrk wrk, List<Target> targets, Options options, Path work) {
        targets.forEach(target -> wrk.run(target.server(), target.paths(), options.warmup, work));
        Map<Target, List<Wrk.Result>> results = new LinkedHashMap<>();
        for (int round = 0; round < options.rounds; round++) {
            for (Target target : targets) {
                results.computeIfAbsent(target, t -> new ArrayList<>())
                        .add(wrk.run(target.server(), target.paths(), options.duration, work));
            }
        }
        double bare = median(results.get(targets.get(0)), Wrk.Result::requestsPerSecond);
        System.out.printf("%-30s %10s %12s %9s   %s%n", "median of " + options.rounds + " rounds", "req/s", "p99",
                "vs bare", "req/s of each round");
        results.forEach((target, runs) -> {
            double rate = median(runs, Wrk.Result::requestsPerSecond);
            long non2xx = runs.stream().mapToLong(Wrk.Result::non2xx).sum();
            System.out.printf("%-30s %10.0f %9.2f ms %9.2f   %s%s%n", target.name(), rate,
                    median(runs, Wrk.Result::p99Millis), rate / bare,
                    runs.stream().map(r -> String.format("%.0f", r.requestsPerSecond())).toList(),
                    non2xx > 0 ? "   NON-2XX: " + non2xx : "");
        });
    }

    private static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static List<String> sample(Random random, int hosts, IntFunction<String> path) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            paths.add(path.apply(random.nextInt(hosts)));
        }
        Collections.shuffle(paths, random);
        return paths;
    }

    private static byte[] get(InetSocketAddress api, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(BenchFleet.request(api, path),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The harness's options. */
    private record Options(int hosts, Duration duration, Duration warmup, int rounds, int threads, int connections,
            int ioThreads) {
        static Options parse(String[] args) {
            int hosts = 1000;
            long duration = 10;
            long warmup = 3;
            int rounds = 3;
            int threads = 2;
            int connections = 32;
            int ioThreads = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--hosts" -> hosts = value;
                    case "--duration" -> duration = value;
                    case "--warmup" -> warmup = value;
                    case "--rounds" -> rounds = value;
                    case "--threads" -> threads = value;
                    case "--connections" -> connections = value;
                    case "--io-threads" -> ioThreads = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --hosts --duration --warmup --rounds --threads --connections"
                            + " --io-threads)");
                }
            }
            return new Options(hosts, Duration.ofSeconds(duration), Duration.ofSeconds(warmup), rounds, threads,
                    connections, ioThreads);
        }
    }
}
