package io.nodedex.cli;

import io.nodedex.event.signing.SigningKey;
import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The data directory of {@code nodedex all-in-one}, locked while one runs on it:
 * <pre>
 * DIR/all-in-one.lock   held while running; marks the directory as all-in-one's
 * DIR/fleet/            the simulated hosts (see FleetFiles)
 * DIR/kafka/            the embedded broker's log
 * DIR/index/            the indexer's RocksDB
 * DIR/agents/HOST/      each agent's state (its incarnation)
 * </pre>
 * A directory that is neither empty nor marked is refused, so nothing else is ever overwritten.
 * Not thread-safe; one owner.
 */
final class AllInOneData implements AutoCloseable {

    static final String LOCK_FILE = "all-in-one.lock";

    private final Path root;
    private final FileChannel channel;

    private AllInOneData(Path root, FileChannel channel) {
        this.root = root;
        this.channel = channel;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws InvalidInputException when it holds something else, or another all-in-one runs on it
     */
    static AllInOneData lock(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            if (!Files.exists(root.resolve(LOCK_FILE)) && !isEmpty(root)) {
                throw new InvalidInputException("--data " + root + " is not empty and was not made by nodedex"
                        + " all-in-one: choose an empty or new directory");
            }
            FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InvalidInputException("--data " + root + " is in use by another nodedex all-in-one: stop"
                        + " it, or choose another directory");
            }
            return new AllInOneData(root, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + root + ": " + e, e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    Path root() {
        return root;
    }

    Path fleet() {
        return root.resolve("fleet");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path index() {
        return root.resolve("index");
    }

    Path agentState(String hostId) {
        return root.resolve("agents").resolve(hostId);
    }

    /** The administrators' key of this all-in-one, which enrols its simulated hosts (created on the first start). */
    SigningKey adminKey() {
        return SigningKey.readOrCreate(root.resolve("admin-key.pem"), root.resolve("admin-key.pub.pem"));
    }

    /** The API's command key of this all-in-one, which signs vHBA requests and commands (created on the first start). */
    SigningKey commandKey() {
        return SigningKey.readOrCreate(root.resolve("command-key.pem"), root.resolve("command-key.pub.pem"));
    }

    /** Releases the lock; the directory and its data stay. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock the data directory " + root + ": " + e, e);
        }
    }
}
