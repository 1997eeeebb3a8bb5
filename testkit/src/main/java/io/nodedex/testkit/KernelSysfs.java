package io.nodedex.testkit;

import io.nodedex.device.Wwn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a sysfs tree laid out as the kernel lays it out, under any root: device directories
 * under {@code devices/} (a port's {@code hostN} under its PCI function, a vHBA's {@code hostN}
 * under {@code <parent hostP>/vport-P:0-K/}), and class entries {@code class/<class>/<name>} as
 * relative symlinks into them ({@code devices/.../hostN/<class>/hostN}), with the attributes
 * nodedex reads (a real tree has many more). Values are written as the kernel prints them: one
 * value and a newline per file, WWNs {@code 0x%llx} (lower case, not zero-padded, see
 * {@link #wwn}); a write-only attribute such as {@code vport_create} reads as nothing. Physical
 * ports have {@code vport_create} and {@code vport_delete}; vHBAs do not.
 *
 * <p>Two levels: the kernel's building blocks ({@link #scsiHost}, {@link #npivPort},
 * {@link #vhba(int, String, String, Wwn, Wwn, Wwn, String, String)}, {@link #classEntry},
 * {@link #attribute}), and shortcuts for an Emulex ({@code lpfc}) host whose ports sit behind
 * the root port {@value #ROOT_PORT} ({@link #port}, {@link #vhba(int, int, int, long, long)}),
 * which tests can change ({@link #fcHost}) and remove ({@link #remove}) between reads.
 *
 * <p>Not thread-safe: one test thread builds a tree. An {@link IOException} is rethrown as an
 * {@link UncheckedIOException} naming the path.
 */
public final class KernelSysfs {

    /** The PCIe root port the shortcuts' HBAs sit behind, relative to the root. */
    public static final String ROOT_PORT = "devices/pci0000:00/0000:00:03.0";
    /** The link speed the shortcuts' ports report. */
    public static final String SHORTCUT_SPEED = "16 Gbit";
    private static final String SHORTCUT_DRIVER = "lpfc";
    private static final long SHORTCUT_WWNN_PREFIX = 0x2000_0000_0000_0000L;
    private static final long SHORTCUT_WWPN_PREFIX = 0x1000_0000_0000_0000L;

    private final Path root;
    private final Map<Integer, String> hostDirectories = new HashMap<>();
    private final Map<Integer, String> vportDirectories = new HashMap<>();

    /** A tree under {@code root} (what {@code /sys} is on a real host); created as it is written. */
    public KernelSysfs(Path root) {
        this.root = root;
    }

    /** The root of the tree. */
    public Path root() {
        return root;
    }

    // ---- the kernel's building blocks ----

    /**
     * A SCSI host {@code hostN} at {@code deviceDirectory} (relative to the root, ending in
     * {@code hostN}): its {@code scsi_host} class entry with {@code proc_name} (the driver) and
     * {@code unique_id} (N).
     *
     * @return the {@code scsi_host} attribute directory
     */
    public Path scsiHost(int number, String deviceDirectory, String driver) {
        Path scsi = classEntry("scsi_host", deviceDirectory);
        attribute(scsi, "proc_name", driver);
        attribute(scsi, "unique_id", Integer.toString(number));
        hostDirectories.put(number, deviceDirectory);
        return scsi;
    }

    /**
     * A physical NPIV-capable Fibre Channel port: {@link #scsiHost}, and an {@code fc_host}
     * with its names, fabric, state, speed, vport counts and the write-only {@code vport_create}
     * and {@code vport_delete}.
     *
     * @return the {@code fc_host} attribute directory
     */
    public Path npivPort(int number, String deviceDirectory, String driver, Wwn wwnn, Wwn wwpn, Wwn fabric,
            String portState, String speed, int maxVports, int vportsInUse) {
        Path fc = fcHost(number, deviceDirectory, driver, wwnn, wwpn, fabric, portState, speed);
        attribute(fc, "max_npiv_vports", Integer.toString(maxVports));
        attribute(fc, "npiv_vports_inuse", Integer.toString(vportsInUse));
        attribute(fc, "vport_create", "");
        attribute(fc, "vport_delete", "");
        return fc;
    }

    /**
     * A vHBA: {@link #scsiHost}, and an {@code fc_host} with its names, fabric, state and speed
     * (none when empty), without vport files. {@code deviceDirectory} is under its parent's:
     * {@code <parent>/vport-P:0-K/hostN}.
     *
     * @return the {@code fc_host} attribute directory
     */
    public Path vhba(int number, String deviceDirectory, String driver, Wwn wwnn, Wwn wwpn, Wwn fabric,
            String portState, String speed) {
        return fcHost(number, deviceDirectory, driver, wwnn, wwpn, fabric, portState, speed);
    }

    /**
     * Creates {@code deviceDirectory/className/name} (name: the last element of
     * {@code deviceDirectory}) and links {@code class/className/name} to it, relatively.
     *
     * @return the attribute directory
     */
    public Path classEntry(String className, String deviceDirectory) {
        String name = Path.of(deviceDirectory).getFileName().toString();
        Path target = mkdirs(root.resolve(deviceDirectory).resolve(className).resolve(name));
        Path classDirectory = mkdirs(root.resolve("class").resolve(className));
        Path link = classDirectory.resolve(name);
        try {
            Files.createSymbolicLink(link, classDirectory.relativize(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + ": " + e, e);
        }
        return target;
    }

    /** Writes an attribute as the kernel prints it: the value and a newline; an empty value is an empty file. */
    public KernelSysfs attribute(Path directory, String name, String value) {
        write(directory.resolve(name), value.isEmpty() ? "" : value + "\n");
        return this;
    }

    /** The kernel's {@code 0x%llx}: lower case, not zero-padded. */
    public static String wwn(Wwn wwn) {
        return "0x" + Long.toHexString(wwn.value());
    }

    /** The kernel's {@code 0x%llx} of a raw 64-bit value. */
    public static String wwn(long value) {
        return wwn(new Wwn(value));
    }

    // ---- shortcuts: an lpfc host behind ROOT_PORT ----

    /**
     * An NPIV-capable {@code lpfc} port {@code hostN} at PCI function {@code pci} (e.g.
     * {@code 0000:05:00.0}) behind {@value #ROOT_PORT}, at {@value #SHORTCUT_SPEED}: node name
     * {@code 0x2000...} and port name {@code 0x1000...} with {@code wwnSuffix} in the low bits.
     */
    public KernelSysfs port(int host, String pci, long wwnSuffix, long fabric, String state, int maxVports, int inUse) {
        npivPort(host, ROOT_PORT + "/" + pci + "/host" + host, SHORTCUT_DRIVER,
                new Wwn(SHORTCUT_WWNN_PREFIX | wwnSuffix), new Wwn(SHORTCUT_WWPN_PREFIX | wwnSuffix), new Wwn(fabric),
                state, SHORTCUT_SPEED, maxVports, inUse);
        return this;
    }

    /**
     * A vHBA {@code hostN} created on port {@code parent} (written by {@link #port}) as vport
     * number {@code vport}, Online, without a speed, with its {@code class/fc_vports/vport-P:0-K} entry; WWNs as
     * {@link #port} makes them.
     */
    public KernelSysfs vhba(int host, int parent, int vport, long wwnSuffix, long fabric) {
        String parentDirectory = hostDirectories.get(parent);
        if (parentDirectory == null) {
            throw new IllegalArgumentException("no host" + parent + " in " + root + " to create host" + host + " on");
        }
        String vportDirectory = parentDirectory + "/vport-" + parent + ":0-" + vport;
        classEntry("fc_vports", vportDirectory);
        vportDirectories.put(host, vportDirectory);
        vhba(host, vportDirectory + "/host" + host, SHORTCUT_DRIVER, new Wwn(SHORTCUT_WWNN_PREFIX | wwnSuffix),
                new Wwn(SHORTCUT_WWPN_PREFIX | wwnSuffix), new Wwn(fabric), "Online", "");
        return this;
    }

    /** Writes (or rewrites) the {@code fc_host} attribute of {@code hostN} as the kernel prints it. */
    public KernelSysfs fcHost(int host, String attribute, String value) {
        return attribute(root.resolve("class/fc_host/host" + host), attribute, value);
    }

    /** Removes {@code hostN}: its class entries and its device directory (with its vport, for a vHBA). */
    public KernelSysfs remove(int host) {
        delete(root.resolve("class/scsi_host/host" + host));
        delete(root.resolve("class/fc_host/host" + host));
        String vport = vportDirectories.remove(host);
        if (vport != null) {
            delete(root.resolve("class/fc_vports").resolve(Path.of(vport).getFileName()));
            delete(root.resolve(vport));
        } else if (hostDirectories.containsKey(host)) {
            delete(root.resolve(hostDirectories.get(host)));
        }
        hostDirectories.remove(host);
        return this;
    }

    private Path fcHost(int number, String deviceDirectory, String driver, Wwn wwnn, Wwn wwpn, Wwn fabric,
            String portState, String speed) {
        scsiHost(number, deviceDirectory, driver);
        Path fc = classEntry("fc_host", deviceDirectory);
        attribute(fc, "node_name", wwn(wwnn));
        attribute(fc, "port_name", wwn(wwpn));
        attribute(fc, "fabric_name", wwn(fabric));
        attribute(fc, "port_state", portState);
        if (!speed.isEmpty()) {
            attribute(fc, "speed", speed);
        }
        return fc;
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    private static Path mkdirs(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e, e);
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
                Files.delete(path);
                return;
            }
            try (Stream<Path> tree = Files.walk(path)) {
                for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e, e);
        }
    }
}
