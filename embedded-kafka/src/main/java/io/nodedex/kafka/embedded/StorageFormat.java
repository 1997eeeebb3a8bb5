package io.nodedex.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a data directory the way {@code kafka-storage format} does for a static quorum, once:
 * a directory that already holds a {@code meta.properties} keeps its cluster, topics and records.
 */
final class StorageFormat {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);
    static final String META_PROPERTIES = "meta.properties";

    private StorageFormat() {
    }

    /**
     * Formats {@code directory} for a new single-node cluster unless it is formatted already.
     *
     * @throws IllegalArgumentException if the directory is neither formatted nor empty (but
     *                                  for the {@link DataDirectoryLock} file)
     */
    static void formatIfNeeded(Path directory) {
        requireUsable(directory);
        if (isFormatted(directory)) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(BrokerSettings.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + directory, e);
        }
        LOG.debug("formatted {}: {}", directory, output.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * Checks, without writing anything, that {@code directory} is formatted already or empty
     * (but for the {@link DataDirectoryLock} file).
     *
     * @throws IllegalArgumentException if it is neither
     */
    static void requireUsable(Path directory) {
        if (isFormatted(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.anyMatch(entry -> !entry.getFileName().toString()
                    .equals(DataDirectoryLock.FILE_NAME))) {
                throw new IllegalArgumentException("Kafka data directory " + directory
                        + " is not empty but has no " + META_PROPERTIES
                        + "; refusing to format it (point at an empty or a formatted directory)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Kafka data directory " + directory, e);
        }
    }

    private static boolean isFormatted(Path directory) {
        return Files.isRegularFile(directory.resolve(META_PROPERTIES));
    }
}
