package io.nodedex.device.sysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a fake sysfs tree laid out as the kernel does: device directories under
 * {@code devices/}, class entries under {@code class/<class>/hostN} as relative symlinks to
 * {@code devices/.../hostN/<class>/hostN}, attribute values ending in a newline.
 */
final class FakeSysfs {

    final Path root;

    FakeSysfs(Path root) {
        this.root = root;
    }

    /** Creates {@code devices/<path>} and returns it. */
    Path device(String path) {
        return mkdirs(root.resolve("devices").resolve(path));
    }

    /** Creates {@code <hostDir>/<className>/<hostN>} and links {@code class/<className>/<hostN>} to it. */
    Path linkedClass(String className, Path hostDir) {
        String host = hostDir.getFileName().toString();
        Path target = mkdirs(hostDir.resolve(className).resolve(host));
        Path classDir = mkdirs(root.resolve("class").resolve(className));
        try {
            Files.createSymbolicLink(classDir.resolve(host), classDir.relativize(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Creates {@code class/<className>/<host>} as a plain directory (libvirt's own fake trees). */
    Path plainClass(String className, String host) {
        return mkdirs(root.resolve("class").resolve(className).resolve(host));
    }

    /** Writes an attribute as the kernel prints it: the value and a newline. */
    FakeSysfs attribute(Path dir, String name, String value) {
        write(dir.resolve(name), value + "\n");
        return this;
    }

    /** Creates a write-only attribute such as {@code vport_create}: it reads as nothing. */
    FakeSysfs writeOnly(Path dir, String name) {
        write(dir.resolve(name), "");
        return this;
    }

    /** A physical FC port's fc_host attributes, NPIV capable, as an lpfc HBA shows them. */
    FakeSysfs npivPort(Path fcHost, String nodeName, String portName, String fabricName, String state,
            int maxVports, int vportsInUse) {
        return attribute(fcHost, "node_name", nodeName)
                .attribute(fcHost, "port_name", portName)
                .attribute(fcHost, "fabric_name", fabricName)
                .attribute(fcHost, "port_state", state)
                .attribute(fcHost, "speed", "8 Gbit")
                .attribute(fcHost, "max_npiv_vports", Integer.toString(maxVports))
                .attribute(fcHost, "npiv_vports_inuse", Integer.toString(vportsInUse))
                .writeOnly(fcHost, "vport_create")
                .writeOnly(fcHost, "vport_delete");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
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
}
