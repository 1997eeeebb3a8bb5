package io.nodedex.device.sysfs;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A sysfs tree rooted at a directory ({@code /sys}, or a fake tree in tests), from which nothing
 * outside the root is ever read: every path is resolved to its real location first and
 * rejected if that lies outside the root.
 */
final class SysfsRoot {

    /** More than any sysfs attribute holds (one page, up to 64 KiB on some architectures). */
    private static final int MAX_ATTRIBUTE_BYTES = 64 * 1024;

    private final Path root;
    private final Path realRoot;

    private SysfsRoot(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    static SysfsRoot open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("sysfs root " + root + " is not a directory");
        }
        try {
            return new SysfsRoot(root, root.toRealPath());
        } catch (IOException e) {
            throw new InvalidInputException("sysfs root " + root + " cannot be resolved: " + e, e);
        }
    }

    Path root() {
        return root;
    }

    Path realRoot() {
        return realRoot;
    }

    /** Whether the entry itself (not what it may link to) exists. */
    static boolean present(Path entry) {
        return Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /** The real location of {@code path}, which must lie inside the root. */
    Path resolveWithin(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("sysfs path " + path + " cannot be resolved: " + e, e);
        }
        if (!real.startsWith(realRoot)) {
            throw new InvalidInputException("sysfs path " + path + " resolves to " + real
                    + ", outside the sysfs root " + root);
        }
        return real;
    }

    /**
     * The value of a sysfs attribute file, stripped of its trailing newline and surrounding
     * blanks, or empty if the file does not exist.
     */
    Optional<String> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Path real = resolveWithin(file);
        try (InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes(MAX_ATTRIBUTE_BYTES + 1);
            if (bytes.length > MAX_ATTRIBUTE_BYTES) {
                throw new InvalidInputException("sysfs file " + file + " holds more than "
                        + MAX_ATTRIBUTE_BYTES + " bytes; not a sysfs attribute");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read sysfs file " + file + ": " + e, e);
        }
    }
}
