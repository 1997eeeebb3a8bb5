package io.nodedex.testkit.fleet;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A fleet written to a directory, one libvirt test-driver host file and one sysfs tree per host:
 * <pre>
 * DIR/hv01.xml          libvirt's view: served by test:///ABS/DIR/hv01.xml
 * DIR/hv01/sys/...      the kernel's view: class/fc_host, class/scsi_host, devices/...
 * DIR/fleet.properties  the seed and size, written last: the write is complete
 * </pre>
 *
 * @param directory where the fleet is written
 */
public record FleetFiles(Path directory) {

    private static final String ORIGIN_FILE = "fleet.properties";

    /** What a fleet directory was generated from. */
    public record Origin(long seed, int hosts) {
    }

    /**
     * Writes {@code fleet} to {@code directory}, replacing whatever a previous write left there,
     * {@value #ORIGIN_FILE} last. The same fleet always gives byte-identical files.
     *
     * @throws UncheckedIOException when a file cannot be written, naming it
     */
    public static FleetFiles write(Fleet fleet, Path directory) {
        FleetFiles files = new FleetFiles(directory.toAbsolutePath().normalize());
        try {
            deleteTree(files.directory);
            Files.createDirectories(files.directory);
            fleet.hosts().forEach(files::writeHost);
            Files.writeString(files.directory.resolve(ORIGIN_FILE),
                    "seed=" + fleet.seed() + "\nhosts=" + fleet.hosts().size() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated fleet to " + files.directory + ": " + e, e);
        }
        return files;
    }

    /**
     * What the fleet in {@code directory} was generated from, if a {@link #write} completed there.
     *
     * @throws InvalidInputException when {@value #ORIGIN_FILE} is there but unreadable or malformed
     */
    public static Optional<Origin> origin(Path directory) {
        Path file = directory.resolve(ORIGIN_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(new Origin(Long.parseLong(properties.getProperty("seed", "")),
                    Integer.parseInt(properties.getProperty("hosts", ""))));
        } catch (IOException | NumberFormatException e) {
            throw new InvalidInputException("cannot tell which fleet " + directory + " holds: " + file
                    + " is unreadable or malformed (" + e.getMessage() + ")", e);
        }
    }

    /** Writes one host's files. */
    private void writeHost(SimulatedHost host) {
        try {
            Files.writeString(hostFile(host.id()), HostXml.of(host), StandardCharsets.UTF_8);
            HostSysfs.write(host, sysfsRoot(host.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated host " + host.id() + " to " + directory + ": "
                    + e, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the simulated host " + host.id() + " to " + directory + ": "
                    + e.getCause(), e.getCause());
        }
    }

    /** The host's libvirt test-driver host file. */
    public Path hostFile(String hostId) {
        return directory.resolve(hostId + ".xml");
    }

    /** The libvirt URI serving the host's file: {@code test:///ABS/PATH.xml}. */
    public String libvirtUri(String hostId) {
        return "test://" + hostFile(hostId).toAbsolutePath();
    }

    /** The root of the host's sysfs tree (what {@code /sys} is on a real host). */
    public Path sysfsRoot(String hostId) {
        return directory.resolve(hostId).resolve("sys");
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
