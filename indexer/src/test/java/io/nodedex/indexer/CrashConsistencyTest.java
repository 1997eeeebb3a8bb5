package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.kafka.EventTopics;
import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import io.nodedex.testkit.ChurningFleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any instant leaves a database equal to a clean replay up to its stored offsets: an
 * indexer in a child JVM is killed with SIGKILL at random points of its ingestion, again and
 * again, and restarted; it ends with the digest of a clean rebuild.
 */
class CrashConsistencyTest {

    private static final int KILLS = 10;
    private static final EventTopics TOPICS = EventTopics.named("crash");

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    Path directory;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.start();
        TOPICS.createWith(kafka::createTopic);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void killedAtRandomPointsOfIngestionTheIndexerEndsWithTheStateOfACleanRebuild() throws Exception {
        List<List<Event>> fleet = ChurningFleet.streams(50, 40, 77);
        Random random = new Random(77);
        long total;
        try (KafkaLog log = new KafkaLog(kafka.bootstrapServers())) {
            total = log.publish(TOPICS.events().name(), Logs.interleaveWithReplays(fleet, random)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
        Path data = directory.resolve("crashing");

        int killsDuringIngestion = 0;
        long applied = 0;
        while (killsDuringIngestion < KILLS) {
            long target = Math.min(total - 1, applied + 1 + random.nextInt((int) (total / (KILLS + 4))));
            long reached = runUntil(data, target, random.nextInt(20));
            if (reached < total) {
                killsDuringIngestion++;
            }
            applied = Math.max(applied, reached);
        }
        String afterCrashes;
        try (RunningIndexer recovered = RunningIndexer.start(
                IndexerConfig.of(kafka.bootstrapServers(), data).withTopics(TOPICS))) {
            KafkaLog.await("the recovered indexer to apply " + total + " records", () ->
                    recovered.reader().ingestStatus().positions().values().stream().mapToLong(Long::longValue).sum() == total);
            afterCrashes = recovered.digest();
        }
        assertThat(StateDigest.of(data)).as("the digest of the database a clean close left").isEqualTo(afterCrashes);

        IndexerConfig clean = IndexerConfig.of(kafka.bootstrapServers(), directory.resolve("clean"))
                .withTopics(TOPICS).withRebuild(true);
        try (RunningIndexer rebuild = RunningIndexer.start(clean)) {
            KafkaLog.await("the clean rebuild to apply " + total + " records", () ->
                    rebuild.reader().ingestStatus().positions().values().stream().mapToLong(Long::longValue).sum() == total);
            assertThat(afterCrashes).as("history included").isEqualTo(rebuild.digest());
            assertThat(rebuild.currentStateDigest()).isEqualTo(Logs.referenceDigest(Logs.ordered(fleet)));
        }
    }

    private String childStderrTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("child-stderr.txt"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Starts an indexer process on {@code data}, waits until it reports at least {@code target}
     * records applied, then, {@code jitterMillis} later, kills it with SIGKILL.
     *
     * @return the last position the process reported
     */
    private long runUntil(Path data, long target, int jitterMillis) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                IndexerProcess.class.getName(), kafka.bootstrapServers(), TOPICS.events().name(),
                TOPICS.deadLetters().name(), data.toString(), "25");
        builder.redirectError(directory.resolve("child-stderr.txt").toFile());
        Process process = builder.start();
        long reported = 0;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                reported = Long.parseLong(line.substring("applied ".length()));
                if (reported >= target) {
                    break;
                }
            }
            Thread.sleep(jitterMillis);
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed indexer exits").isTrue();
        }
        long progress = reported;
        assertThat(progress).as(() -> "the indexer process reported progress; its stderr ends with:\n"
                + childStderrTail()).isGreaterThanOrEqualTo(target);
        return reported;
    }
}
