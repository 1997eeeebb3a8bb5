package io.nodedex.indexer;

import io.nodedex.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Event-log shapes for order tests, and temporary directories outside JUnit's control. */
final class Logs {

    private Logs() {
    }

    /**
     * A random merge of the streams, each kept in its own order, with earlier events of a
     * stream re-sent later (duplicates and stale replays) about once every four events.
     */
    static List<Event> interleaveWithReplays(List<List<Event>> streams, Random random) {
        List<Event> merged = new ArrayList<>();
        int[] next = new int[streams.size()];
        int remaining = streams.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int pick = random.nextInt(streams.size());
            List<Event> stream = streams.get(pick);
            if (next[pick] == stream.size()) {
                continue;
            }
            merged.add(stream.get(next[pick]++));
            remaining--;
            if (random.nextInt(4) == 0) {
                merged.add(stream.get(random.nextInt(next[pick])));
            }
        }
        return merged;
    }

    /** Every stream after the other, each in order, nothing repeated: the single ordered pass. */
    static List<Event> ordered(List<List<Event>> streams) {
        return streams.stream().flatMap(List::stream).toList();
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("nodedex-indexer-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The digest of the current state (without the history, which also records log positions) a
     * single ordered pass of {@code events}, folded in one batch, gives.
     */
    static String referenceDigest(List<Event> events) {
        Path directory = temporaryDirectory();
        try (FoldHarness fold = FoldHarness.open(directory)) {
            fold.poll(events);
            return fold.currentStateDigest();
        } finally {
            deleteRecursively(directory);
        }
    }
}
