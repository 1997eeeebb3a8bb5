package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path directory;

    @Test
    void aLockedDirectoryCannotBeLockedAgainUntilReleased() {
        DataDirectoryLock held = DataDirectoryLock.acquire(directory);

        assertThatThrownBy(() -> DataDirectoryLock.acquire(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("in use");

        held.close();
        DataDirectoryLock again = DataDirectoryLock.acquire(directory);
        assertThat(directory.resolve(DataDirectoryLock.FILE_NAME)).isRegularFile();
        again.close();
    }
}
