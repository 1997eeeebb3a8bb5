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
 * a directory that already holds a {@code meta.properties} keeps its cluster, topics, records and
 * SCRAM users.
 */
final class StorageFormat {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);
    static final String META_PROPERTIES = "meta.properties";

    private StorageFormat() {
    }

    /** A new cluster's id, for every node of it. */
    static String newClusterId() {
        return Uuid.randomUuid().toString();
    }

    /**
     * Formats {@code directory} for node {@code nodeId} of cluster {@code clusterId} unless it is
     * formatted already, with the SCRAM users of {@code scramArguments} (as {@code --add-scram}
     * takes them: {@code SCRAM-SHA-512=[name=...,password=...]}).
     *
     * @throws IllegalArgumentException if the directory is neither formatted nor empty (but
     *                                  for the {@link DataDirectoryLock} file)
     */
    static void formatIfNeeded(Path directory, int nodeId, String clusterId, List<String> scramArguments) {
        requireUsable(directory);
        if (isFormatted(directory)) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setScramArguments(scramArguments)
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + directory, e);
        }
        LOG.debug("formatted {} for node {}: {}", directory, nodeId, output.toString(StandardCharsets.UTF_8).trim());
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
