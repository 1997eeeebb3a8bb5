package io.nodedex.api;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Load benchmark of the query API against a bare Netty server, in one run on loopback:
 * <ol>
 *   <li>a real KRaft broker, a fleet of {@code --hosts} hosts (4 HBAs on 2 fabrics and 2 vHBAs
 *       each, live vport counts) published through the real codec, a replica (indexer + API)
 *       caught up with it;</li>
 *   <li>a bare Netty server (same transport, same event-loop threads, same codec and keep-alive,
 *       answering a constant body of the size of a real {@code /v1/wwpn} answer);</li>
 *   <li>{@code wrk} (threads, connections, duration as given) against the bare server,
 *       {@code GET /v1/wwpn/{w}} cycling through 256 WWPNs and {@code GET /v1/npiv/parent} cycling
 *       through 256 hosts (by fabric), each after a warm-up run;</li>
 * </ol>
 * and prints requests/s, p99 latency and the ratio to the bare server. Run it with
 * {@code query-api/bench/run.sh} (options: {@code --hosts N --duration S --warmup S --threads N
 * --connections N --io-threads N}).
 */
public final class QueryBenchmark {

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("nodedex-bench");
        Random random = new Random(2026);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            String topic = "bench.events";
            kafka.createTopic(topic, 3);
            kafka.createTopic(topic + ".dlq", 1);
            TestFleet.publish(kafka.bootstrapServers(), topic, fleet(options.hosts), false);
            try (Replica replica = Replica.start(IndexerConfig.of(kafka.bootstrapServers(), work.resolve("db"))
                            .withTopic(topic).withDeadLetterTopic(topic + ".dlq"),
                    QueryServerConfig.of(new InetSocketAddress("127.0.0.1", 0)).withIoThreads(options.ioThreads))) {
                InetSocketAddress api = replica.server().address();
                awaitReady(api);
                List<String> wwpns = sample(random, options.hosts, host -> "/v1/wwpn/" + hex(wwpn(host, random.nextInt(4))));
                List<String> npiv = sample(random, options.hosts, host -> "/v1/npiv/parent?host=" + hostId(host)
                        + "&parentFabricWwn=" + hex(fabric(random.nextInt(2))));
                byte[] constant = get(api, wwpns.get(0));
                try (BareServer bare = BareServer.start(options.ioThreads, constant)) {
                    Wrk wrk = new Wrk(options.threads, options.connections);
                    System.out.printf("nodedex query API benchmark: %d hosts, %s transport, %d I/O threads; wrk -t%d -c%d,"
                            + " %d s per run after a %d s warm-up; constant body %d bytes%n", options.hosts,
                            replica.server().transport(), options.ioThreads, options.threads, options.connections,
                            options.duration.toSeconds(), options.warmup.toSeconds(), constant.length);
                    Wrk.Result baseline = measure(wrk, "bare Netty (constant JSON)", bare.address(), List.of("/"),
                            options, work, Double.NaN);
                    measure(wrk, "GET /healthz (no reads)", api, List.of("/healthz"), options, work,
                            baseline.requestsPerSecond());
                    measure(wrk, "GET /v1/wwpn/{wwn}", api, wwpns, options, work, baseline.requestsPerSecond());
                    measure(wrk, "GET /v1/npiv/parent", api, npiv, options, work, baseline.requestsPerSecond());
                }
            }
        }
    }

    private static Wrk.Result measure(Wrk wrk, String name, InetSocketAddress server, List<String> paths, Options options,
            Path work, double baseline) {
        wrk.run(server, paths, options.warmup, work);
        Wrk.Result result = wrk.run(server, paths, options.duration, work);
        System.out.printf("%-28s %10.0f req/s   p99 %7.2f ms   %s%s%s%n", name, result.requestsPerSecond(),
                result.p99Millis(), Double.isNaN(baseline) ? "(baseline)"
                        : String.format("ratio to bare %.2f", result.requestsPerSecond() / baseline),
                result.non2xx() > 0 ? "   NON-2XX: " + result.non2xx() : "",
                result.socketErrors().isEmpty() ? "" : "   " + result.socketErrors());
        return result;
    }

    private static List<Device> host(int host) {
        List<Device> devices = new ArrayList<>();
        devices.add(TestDevices.computer());
        devices.add(TestDevices.pci("pci_0000_05_00_0"));
        for (int port = 0; port < 4; port++) {
            devices.add(TestDevices.liveHba("scsi_host" + port, wwpn(host, port) | 0x1000_0000_0000_0000L, wwpn(host, port),
                    fabric(port % 2), 64, port < 2 ? 1 : 0));
        }
        for (int v = 0; v < 2; v++) {
            devices.add(TestDevices.vhba("scsi_host" + (10 + v), "scsi_host" + v, 0x2001_0000_0000_0000L | host << 8 | v,
                    0x1001_0000_0000_0000L | host << 8 | v, fabric(v % 2)));
        }
        return devices;
    }

    private static List<Event> fleet(int hosts) {
        List<Event> events = new ArrayList<>();
        for (int host = 0; host < hosts; host++) {
            events.add(new Event(new EventHeader(hostId(host), 1, 0, Source.UDEV, Instant.parse("2026-11-21T12:00:00Z")),
                    new HostSnapshot(host(host))));
        }
        return events;
    }

    private static String hostId(int host) {
        return String.format("bench-%05d", host);
    }

    private static long wwpn(int host, int port) {
        return 0x1000_0090_fa00_0000L | (long) host << 4 | port;
    }

    private static long fabric(int fabric) {
        return 0x1000_0005_1e9a_0b00L + fabric;
    }

    private static String hex(long wwn) {
        return String.format("%016x", wwn);
    }

    private static List<String> sample(Random random, int hosts, java.util.function.IntFunction<String> path) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            paths.add(path.apply(random.nextInt(hosts)));
        }
        Collections.shuffle(paths, random);
        return paths;
    }

    private static void awaitReady(InetSocketAddress api) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (client.send(request(api, "/readyz"), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not catch up within 5 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static byte[] get(InetSocketAddress api, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request(api, path),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static HttpRequest request(InetSocketAddress api, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.getPort() + path)).build();
    }

    /** The harness's options. */
    private record Options(int hosts, Duration duration, Duration warmup, int threads, int connections, int ioThreads) {
        static Options parse(String[] args) {
            int hosts = 1000;
            long duration = 10;
            long warmup = 5;
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
                    case "--threads" -> threads = value;
                    case "--connections" -> connections = value;
                    case "--io-threads" -> ioThreads = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --hosts --duration --warmup --threads --connections --io-threads)");
                }
            }
            return new Options(hosts, Duration.ofSeconds(duration), Duration.ofSeconds(warmup), threads, connections,
                    ioThreads);
        }
    }
}
