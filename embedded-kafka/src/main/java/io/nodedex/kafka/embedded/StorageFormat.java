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
     * @throws IllegalArgumentException if the directory is neither formatted nor empty
     */
    static void formatIfNeeded(Path directory) {
        if (Files.isRegularFile(directory.resolve(META_PROPERTIES))) {
            return;
        }
        requireEmpty(directory);
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

    private static void requireEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("Kafka data directory " + directory
                        + " is not empty but has no " + META_PROPERTIES
                        + "; refusing to format it (point at an empty or a formatted directory)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Kafka data directory " + directory, e);
        }
    }
}
