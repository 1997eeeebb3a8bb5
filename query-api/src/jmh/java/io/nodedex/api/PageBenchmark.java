package io.nodedex.api;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The datacenter-wide list routes at fleet scale, on loopback: a real broker, {@code --hosts}
 * hosts (default 10,000; {@link BenchFleet}) indexed by a replica, and a query server without the
 * response cache. Walks every page of {@code /v1/hosts} and {@code /v1/audit} ({@code limit=500},
 * following {@code next}) {@code --rounds} times, one request at a time over one keep-alive
 * connection, and reports each route's p50 / p99 per page, as ratios to a bare Netty server
 * answering a constant body of the same size to the same client in the same run, and the JVM's
 * heap in use while serving (sampled after every request; broker, indexer and server share the
 * process).
 *
 * <pre>
 * query-api/bench/pages.sh [--hosts 10000] [--rounds 5]
 * </pre>
 */
public final class PageBenchmark {

    private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");

    private PageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = option(args, "--hosts", 10_000);
        int rounds = option(args, "--rounds", 5);
        Path work = Files.createTempDirectory("nodedex-pages");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            EventTopics topics = EventTopics.named("bench.events").withEventPartitions(12);
            topics.createWith(kafka::createTopic);
            TestFleet.publish(kafka.bootstrapServers(), topics.events().name(), BenchFleet.snapshots(hosts, 64),
                    false);
            try (Indexer indexer = Indexer.open(IndexerConfig.of(kafka.bootstrapServers(), work.resolve("db"))
                    .withTopics(topics))) {
                Thread indexing = new Thread(indexer, "nodedex-indexer");
                indexing.start();
                QueryServerConfig config = QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0))
                        .withResponseCacheBytes(0);
                try (QueryServer server = QueryServer.start(config, indexer.reader())) {
                    BenchFleet.awaitReady(server.address());
                    HttpClient client = HttpClient.newHttpClient();
                    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                    System.gc();
                    long idleHeap = memory.getHeapMemoryUsage().getUsed();
                    Walk hostsWalk = walk(client, server.address(), "/v1/hosts?limit=500", rounds, memory);
                    Walk auditWalk = walk(client, server.address(), "/v1/audit?limit=500", rounds, memory);
                    byte[] body = new byte[hostsWalk.bodyBytes / Math.max(1, hostsWalk.latencies.size())];
                    Arrays.fill(body, (byte) ' ');
                    Walk bare;
                    try (BareServer constant = BareServer.start(2, body)) {
                        bare = repeat(client, constant.address(), "/", hostsWalk.latencies.size(), memory);
                    }
                    System.out.printf("nodedex list pages: %d hosts, limit 500, %d rounds, one request at a time,"
                            + " response cache off; bare Netty body %d bytes (a /v1/hosts page's size)%n",
                            hosts, rounds, body.length);
                    System.out.printf("  %-22s %8s %9s %9s %12s%n", "route", "pages", "p50 ms", "p99 ms", "p50 / bare");
                    report("bare Netty, constant", bare, bare);
                    report("GET /v1/hosts pages", hostsWalk, bare);
                    report("GET /v1/audit pages", auditWalk, bare);
                    System.out.printf("heap in use: %d MB idle after GC, at most %d MB while serving (broker,"
                            + " indexer and server in one JVM)%n", idleHeap >> 20,
                            Math.max(hostsWalk.maxHeap, auditWalk.maxHeap) >> 20);
                }
            }
        }
    }

    /** Latencies in nanoseconds, the bytes read and the largest heap seen. */
    private record Walk(List<Long> latencies, int bodyBytes, long maxHeap) {
    }

    private static Walk walk(HttpClient client, InetSocketAddress api, String first, int rounds, MemoryMXBean memory)
            throws Exception {
        List<Long> latencies = new ArrayList<>();
        int bytes = 0;
        long maxHeap = 0;
        for (int round = 0; round < rounds; round++) {
            String path = first;
            while (path != null) {
                long started = System.nanoTime();
                HttpResponse<String> page = client.send(BenchFleet.request(api, path),
                        HttpResponse.BodyHandlers.ofString());
                latencies.add(System.nanoTime() - started);
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + ": " + page.statusCode() + " " + page.body());
                }
                bytes += page.body().length();
                maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
                Matcher next = NEXT.matcher(page.body());
                path = next.find() ? first + "&cursor=" + URLEncoder.encode(next.group(1), StandardCharsets.UTF_8)
                        : null;
            }
        }
        return new Walk(latencies, bytes, maxHeap);
    }

    private static Walk repeat(HttpClient client, InetSocketAddress server, String path, int times,
            MemoryMXBean memory) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long started = System.nanoTime();
            client.send(BenchFleet.request(server, path), HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - started);
        }
        return new Walk(latencies, 0, memory.getHeapMemoryUsage().getUsed());
    }

    private static void report(String name, Walk walk, Walk bare) {
        System.out.printf("  %-22s %8d %9.2f %9.2f %12.1f%n", name, walk.latencies.size(),
                percentile(walk.latencies, 50) / 1e6, percentile(walk.latencies, 99) / 1e6,
                percentile(walk.latencies, 50) / percentile(bare.latencies, 50));
    }

    private static double percentile(List<Long> values, int percent) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
