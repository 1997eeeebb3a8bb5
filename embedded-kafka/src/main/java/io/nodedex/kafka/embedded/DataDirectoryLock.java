package io.nodedex.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.utils.Utils;

/**
 * An exclusive lock on a data directory, held by one embedded broker from before formatting
 * until after shutdown.
 *
 * <p>Kafka locks its data directories only when the broker part starts, after the controller
 * part has already opened the metadata log; a second node on the same directory would write
 * that log concurrently before failing. This lock turns the second node away first, whether it
 * runs in this JVM or in another process.
 *
 * <p>Threading: acquire and close from the owning broker's thread; not shared.
 */
final class DataDirectoryLock implements AutoCloseable {

    /** The lock file; Kafka ignores plain files it does not know in a data directory. */
    static final String FILE_NAME = "nodedex-embedded-kafka.lock";

    private final FileChannel channel;

    private DataDirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code directory} (which must exist).
     *
     * @throws IllegalStateException if another broker holds the lock
     */
    static DataDirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                throw inUse(directory, null);
            }
            return new DataDirectoryLock(channel);
        } catch (OverlappingFileLockException e) {
            Utils.closeQuietly(channel, file.toString());
            throw inUse(directory, e);
        } catch (IOException e) {
            Utils.closeQuietly(channel, file.toString());
            throw new UncheckedIOException("cannot lock Kafka data directory " + directory, e);
        } catch (RuntimeException e) {
            Utils.closeQuietly(channel, file.toString());
            throw e;
        }
    }

    private static IllegalStateException inUse(Path directory, Throwable cause) {
        return new IllegalStateException("Kafka data directory " + directory
                + " is in use by another embedded broker (in this JVM or another process)", cause);
    }

    /** Releases the lock (closing the channel releases it); the file stays. */
    @Override
    public void close() {
        Utils.closeQuietly(channel, FILE_NAME);
    }
}
