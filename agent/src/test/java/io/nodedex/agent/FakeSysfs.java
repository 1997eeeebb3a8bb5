package io.nodedex.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake sysfs tree laid out as the kernel does it: device directories under {@code devices/}
 * (an HBA's {@code hostN} under its PCI function, a vHBA's {@code hostN} under
 * {@code <parent hostM>/vport-M:0-K/}), class entries {@code class/<class>/<name>} as relative
 * symlinks into them, attribute values as the kernel prints them ({@code 0x}, not zero-padded,
 * with a trailing newline). Hosts can be changed and removed between reads.
 */
public final class FakeSysfs {

    private static final String PCI_BRIDGE = "devices/pci0000:00/0000:00:03.0";

    public final Path root;
    private final Map<Integer, Path> hostDirs = new HashMap<>();
    private final Map<Integer, Path> vportDirs = new HashMap<>();

    public FakeSysfs(Path root) {
        this.root = root;
    }

    /** A physical NPIV-capable FC port {@code hostN} of an lpfc HBA at PCI function {@code pci}. */
    public FakeSysfs port(int host, String pci, long wwnSuffix, long fabric, String state, int maxVports, int inUse) {
        Path hostDir = mkdirs(root.resolve(PCI_BRIDGE).resolve(pci).resolve("host" + host));
        hostDirs.put(host, hostDir);
        Path scsi = linkClass("scsi_host", "host" + host, hostDir);
        write(scsi.resolve("proc_name"), "lpfc");
        write(scsi.resolve("unique_id"), Integer.toString(host));
        Path fc = linkClass("fc_host", "host" + host, hostDir);
        write(fc.resolve("node_name"), wwn(0x2000_0000_0000_0000L | wwnSuffix));
        write(fc.resolve("port_name"), wwn(0x1000_0000_0000_0000L | wwnSuffix));
        write(fc.resolve("fabric_name"), wwn(fabric));
        write(fc.resolve("port_state"), state);
        write(fc.resolve("speed"), "16 Gbit");
        write(fc.resolve("max_npiv_vports"), Integer.toString(maxVports));
        write(fc.resolve("npiv_vports_inuse"), Integer.toString(inUse));
        write(fc.resolve("vport_create"), "");
        write(fc.resolve("vport_delete"), "");
        return this;
    }

    /** A vHBA {@code hostN} created on {@code parent}'s port as vport number {@code vport}. */
    public FakeSysfs vhba(int host, int parent, int vport, long wwnSuffix, long fabric) {
        String vportName = "vport-" + parent + ":0-" + vport;
        Path vportDir = mkdirs(hostDirs.get(parent).resolve(vportName));
        vportDirs.put(host, vportDir);
        linkClass("fc_vports", vportName, vportDir);
        Path hostDir = mkdirs(vportDir.resolve("host" + host));
        hostDirs.put(host, hostDir);
        Path scsi = linkClass("scsi_host", "host" + host, hostDir);
        write(scsi.resolve("proc_name"), "lpfc");
        write(scsi.resolve("unique_id"), Integer.toString(host));
        Path fc = linkClass("fc_host", "host" + host, hostDir);
        write(fc.resolve("node_name"), wwn(0x2000_0000_0000_0000L | wwnSuffix));
        write(fc.resolve("port_name"), wwn(0x1000_0000_0000_0000L | wwnSuffix));
        write(fc.resolve("fabric_name"), wwn(fabric));
        write(fc.resolve("port_state"), "Online");
        return this;
    }

    /** Writes an fc_host attribute of {@code hostN} as the kernel prints it. */
    public FakeSysfs fcHost(int host, String attribute, String value) {
        write(root.resolve("class/fc_host/host" + host).resolve(attribute), value);
        return this;
    }

    /** Removes {@code hostN}: its class entries, and its device directory (with its vport, for a vHBA). */
    public FakeSysfs remove(int host) {
        delete(root.resolve("class/scsi_host/host" + host));
        delete(root.resolve("class/fc_host/host" + host));
        Path vport = vportDirs.remove(host);
        if (vport != null) {
            delete(root.resolve("class/fc_vports").resolve(vport.getFileName()));
            delete(vport);
        } else {
            delete(hostDirs.get(host));
        }
        hostDirs.remove(host);
        return this;
    }

    /** The kernel's {@code 0x%llx}: lower case, not zero-padded. */
    public static String wwn(long value) {
        return "0x" + Long.toHexString(value);
    }

    private Path linkClass(String className, String name, Path deviceDir) {
        Path target = mkdirs(deviceDir.resolve(className).resolve(name));
        Path classDir = mkdirs(root.resolve("class").resolve(className));
        try {
            Files.createSymbolicLink(classDir.resolve(name), classDir.relativize(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value.isEmpty() ? "" : value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
            uncheckedDelete(path);
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(FakeSysfs::uncheckedDelete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void uncheckedDelete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
