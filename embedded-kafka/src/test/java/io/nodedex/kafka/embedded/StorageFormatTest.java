package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFormatTest {

    private static final String CLUSTER = StorageFormat.newClusterId();

    @TempDir
    Path directory;

    @Test
    void anEmptyDirectoryIsFormattedForItsNodeOfItsCluster() throws IOException {
        StorageFormat.formatIfNeeded(directory, 1, CLUSTER, List.of());

        assertThat(Files.readString(directory.resolve("meta.properties")))
                .contains("node.id=1")
                .contains("cluster.id=" + CLUSTER);
        assertThat(directory.resolve("bootstrap.checkpoint")).isRegularFile();
    }

    @Test
    void aFormattedDirectoryIsNotFormattedAgain() throws IOException {
        StorageFormat.formatIfNeeded(directory, 1, CLUSTER, List.of());
        String first = Files.readString(directory.resolve("meta.properties"));

        StorageFormat.formatIfNeeded(directory, 1, CLUSTER, List.of());

        assertThat(Files.readString(directory.resolve("meta.properties"))).isEqualTo(first);
    }

    @Test
    void aDirectoryHoldingOnlyTheLockFileCountsAsEmpty() throws IOException {
        Files.createFile(directory.resolve(DataDirectoryLock.FILE_NAME));

        StorageFormat.formatIfNeeded(directory, 1, CLUSTER, List.of());

        assertThat(directory.resolve("meta.properties")).isRegularFile();
    }

    @Test
    void aDirectoryWithOtherFilesButNoMetaPropertiesIsRefusedUntouched() throws IOException {
        Files.writeString(directory.resolve("notes.txt"), "not Kafka data");

        assertThatThrownBy(() -> StorageFormat.formatIfNeeded(directory, 1, CLUSTER, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("meta.properties");
        try (var entries = Files.list(directory)) {
            assertThat(entries).extracting(Path::getFileName).extracting(Path::toString)
                    .containsExactly("notes.txt");
        }
    }
}
