package io.nodedex.agent;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's incarnation: a number that is larger on every start, so the indexer orders the
 * events of a restarted agent after those of its predecessor
 * (docs/design.md, "Idempotent apply").
 *
 * <p>It is {@code max(now in ms, last + 1)}, where {@code last} is kept in the file
 * {@value #FILE_NAME} of the state directory (written atomically), so even a clock that steps
 * back cannot make it smaller. Without a writable state directory it falls back to the clock,
 * with a warning.
 */
final class Incarnation {

    /** The file in the state directory holding the last incarnation, in decimal. */
    public static final String FILE_NAME = "incarnation";

    private static final Logger LOG = LoggerFactory.getLogger(Incarnation.class);

    private Incarnation() {
    }

    /**
     * Takes the next incarnation and persists it in {@code stateDirectory} (created if missing).
     *
     * @throws InvalidInputException when the state file holds something other than a
     *     non-negative decimal number (naming the file and its content): the agent cannot know
     *     its previous incarnation, and guessing could reorder its events
     */
    public static long next(Path stateDirectory, Clock clock) {
        Path file = stateDirectory.resolve(FILE_NAME);
        long now = clock.millis();
        long last;
        try {
            last = read(file);
        } catch (IOException e) {
            LOG.warn("Cannot read the last incarnation from {} ({}); using the clock, {}: if the clock went"
                    + " back since the last start, the indexer may ignore this run's events", file, e, now);
            return now;
        }
        long next = Math.max(now, last + 1);
        try {
            write(stateDirectory, file, next);
        } catch (IOException e) {
            LOG.warn("Cannot persist the incarnation in {} ({}); using {} from the clock: if the clock goes"
                    + " back before the next start, the indexer may ignore that run's events", file, e, next);
        }
        return next;
    }

    private static long read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return -1;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("incarnation file " + file + " holds '" + text
                + "', not a non-negative decimal number; remove the file if the agent's state was lost");
    }

    private static void write(Path directory, Path file, long incarnation) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.US_ASCII.encode(incarnation + "\n"));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
