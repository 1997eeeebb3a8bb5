package io.nodedex.cli;

import io.nodedex.agent.VhbaExecutor;
import io.nodedex.device.Wwn;
import io.nodedex.testkit.KernelSysfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernel's side of {@code vport_create} and {@code vport_delete} on a simulated host's sysfs
 * tree (all-in-one's hosts, whose libvirt is a test-driver host file private to each connection):
 * creating a vHBA writes what the kernel would show, a {@code hostN} under
 * {@code <parent>/vport-P:0-K/} with its {@code scsi_host}, {@code fc_host} and {@code fc_vports}
 * entries, and raises the parent's {@code npiv_vports_inuse}; destroying one removes them and
 * lowers it. The agent's sysfs source then sees the change at its next rescan, as on a real host.
 * Refuses as the kernel would: a parent without {@code vport_create}, or one whose vports are all
 * in use. Used by one thread (the host's command runner).
 */
final class SysfsVhbas implements VhbaExecutor {

    private final Path root;

    SysfsVhbas(Path root) {
        this.root = root;
    }

    @Override
    public Result create(String parent, Wwn wwnn, Wwn wwpn) {
        Optional<String> existing = withWwpn(wwpn);
        if (existing.isPresent()) {
            return Result.done(existing.get(), "vHBA " + existing.get() + " with WWPN " + wwpn + " already exists");
        }
        Optional<Integer> parentNumber = number(parent);
        Path parentFc = root.resolve("class/fc_host/host" + parentNumber.orElse(-1));
        if (parentNumber.isEmpty() || !Files.exists(parentFc.resolve("vport_create"))) {
            return Result.failed("vport_create: " + parent + " is not a vport-capable fc_host");
        }
        int max = Integer.parseInt(read(parentFc, "max_npiv_vports"));
        int inUse = Integer.parseInt(read(parentFc, "npiv_vports_inuse"));
        if (inUse >= max) {
            return Result.failed("vport_create: " + parent + " has " + inUse + " of " + max + " vports in use: No space"
                    + " left on device");
        }
        try {
            Path parentDevice = parentFc.toRealPath().getParent().getParent();
            int host = nextHostNumber();
            int vport;
            try (Stream<Path> vports = Files.list(parentDevice)) {
                vport = (int) vports.filter(p -> p.getFileName().toString().startsWith("vport-")).count();
            }
            String vportDirectory = root.toRealPath().relativize(parentDevice) + "/vport-" + parentNumber.get() + ":0-"
                    + vport;
            KernelSysfs sysfs = new KernelSysfs(root);
            sysfs.classEntry("fc_vports", vportDirectory);
            String driver = read(root.resolve("class/scsi_host/host" + parentNumber.get()), "proc_name");
            sysfs.vhba(host, vportDirectory + "/host" + host, driver, wwnn, wwpn, Wwn.parse(read(parentFc, "fabric_name")),
                    read(parentFc, "port_state"), Files.exists(parentFc.resolve("speed")) ? read(parentFc, "speed") : "");
            sysfs.attribute(parentFc, "npiv_vports_inuse", Integer.toString(inUse + 1));
            return Result.done("scsi_host" + host, "created scsi_host" + host + " under " + parent + " with WWPN " + wwpn);
        } catch (IOException | UncheckedIOException e) {
            return Result.failed("vport_create on " + parent + ": " + e.getMessage());
        }
    }

    @Override
    public Result destroy(String name) {
        Optional<Integer> number = number(name);
        Path fc = root.resolve("class/fc_host/host" + number.orElse(-1));
        if (number.isEmpty() || !Files.exists(fc)) {
            return Result.done(name, name + " is gone");
        }
        if (Files.exists(fc.resolve("vport_create"))) {
            return Result.failed("vport_delete: " + name + " is a physical port, not a vHBA");
        }
        try {
            Path vport = fc.toRealPath().getParent().getParent().getParent();
            Path parentFc = root.resolve("class/fc_host").resolve(vport.getParent().getFileName());
            delete(root.resolve("class/scsi_host/host" + number.get()));
            delete(fc);
            delete(root.resolve("class/fc_vports").resolve(vport.getFileName()));
            delete(vport);
            if (Files.exists(parentFc.resolve("npiv_vports_inuse"))) {
                int inUse = Integer.parseInt(read(parentFc, "npiv_vports_inuse"));
                new KernelSysfs(root).attribute(parentFc, "npiv_vports_inuse", Integer.toString(Math.max(0, inUse - 1)));
            }
            return Result.done(name, "destroyed " + name);
        } catch (IOException | UncheckedIOException e) {
            return Result.failed("vport_delete of " + name + ": " + e.getMessage());
        }
    }

    private Optional<String> withWwpn(Wwn wwpn) {
        Path hosts = root.resolve("class/fc_host");
        if (!Files.isDirectory(hosts)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(hosts)) {
            return entries.filter(entry -> Files.exists(entry.resolve("port_name"))
                            && Wwn.parse(read(entry, "port_name")).equals(wwpn)
                            && !Files.exists(entry.resolve("vport_create")))
                    .map(entry -> "scsi_" + entry.getFileName()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int nextHostNumber() throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve("class/scsi_host"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("host[0-9]+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4))).max().orElse(-1) + 1;
        }
    }

    private static Optional<Integer> number(String name) {
        return name.matches("scsi_host[0-9]{1,9}") ? Optional.of(Integer.parseInt(name.substring(9))) : Optional.empty();
    }

    private static String read(Path directory, String attribute) {
        try {
            return Files.readString(directory.resolve(attribute)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(attribute), e);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
