package io.nodedex.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs {@code wrk} against a server with a Lua script cycling through request paths, and reads its report. */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\n\\s+99%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");

    /** One run's numbers. */
    record Result(double requestsPerSecond, double p99Millis, long non2xx, String socketErrors) {
    }

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    Result run(InetSocketAddress server, List<String> paths, Duration duration, Path workDirectory) {
        try {
            Path script = Files.createTempFile(workDirectory, "paths", ".lua");
            Files.writeString(script, "local paths = {" + paths.stream().map(p -> "\"" + p + "\"")
                    .collect(Collectors.joining(",")) + "}\n"
                    + "local i = 0\n"
                    + "request = function()\n"
                    + "  i = i + 1\n"
                    + "  return wrk.format(\"GET\", paths[(i % #paths) + 1])\n"
                    + "end\n", StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections,
                    "-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(),
                    "http://" + server.getHostString() + ":" + server.getPort())
                    .redirectErrorStream(true).start();
            String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + report);
            }
            return parse(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk (Debian package wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Result parse(String report) {
        Matcher rps = REQUESTS_PER_SECOND.matcher(report);
        Matcher p99 = P99.matcher(report);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("cannot read the wrk report: " + report);
        }
        double value = Double.parseDouble(p99.group(1));
        double millis = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        Matcher non2xx = NON_2XX.matcher(report);
        Matcher errors = ERRORS.matcher(report);
        return new Result(Double.parseDouble(rps.group(1)), millis, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                errors.find() ? errors.group() : "");
    }
}
