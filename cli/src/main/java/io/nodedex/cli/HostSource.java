package io.nodedex.cli;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.device.xml.NodeDeviceXml;
import io.nodedex.device.xml.TestDriverHostFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One host's files, as the offline commands read them: what kind of source and where. The one
 * place that turns a source option into devices ({@code devices}, {@code npiv-parent} and the
 * offline {@code audit} all read through it) and into a host id.
 *
 * @param kind which option named the source
 * @param path the file or directory as given
 */
record HostSource(Kind kind, Path path) {

    static final String LIBVIRT_XML = "--libvirt-xml";
    static final String TEST_DRIVER_XML = "--test-driver-xml";
    static final String SYSFS = "--sysfs";

    HostSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }

    /** The kinds of source, each with its option. */
    enum Kind {
        /** A node device's XML as {@code virsh nodedev-dumpxml} prints it, or a directory of such files. */
        LIBVIRT_XML(HostSource.LIBVIRT_XML),
        /** A libvirt test-driver host file: a root {@code <node>}, one {@code <device>} per device. */
        TEST_DRIVER_XML(HostSource.TEST_DRIVER_XML),
        /** A sysfs root laid out as the kernel does. */
        SYSFS(HostSource.SYSFS);

        private final String option;

        Kind(String option) {
            this.option = option;
        }

        String option() {
            return option;
        }
    }

    /**
     * The host's devices, sorted by natural name order.
     *
     * @throws InvalidInputException naming the file when the source cannot be read
     */
    List<Device> read() {
        return switch (kind) {
            case LIBVIRT_XML -> Files.isDirectory(path)
                    ? NodeDeviceXml.parseDirectory(path)
                    : List.of(NodeDeviceXml.parseFile(path));
            case TEST_DRIVER_XML -> TestDriverHostFile.read(path);
            case SYSFS -> SysfsTree.read(path);
        };
    }

    /**
     * The host id the source stands for: a file's name without its extension ({@code hv01.xml}:
     * {@code hv01}), or a directory's name as given ({@code --libvirt-xml /srv/hv02} or
     * {@code --sysfs /srv/hv02}: {@code hv02}); a sysfs root named {@code sys} is named by the
     * directory it is in ({@code --sysfs /srv/hv02/sys}: {@code hv02}, the layout all-in-one's
     * fleet uses). Relative paths and {@code ..} are resolved first.
     *
     * @throws InvalidInputException when the path has no name (the file system root)
     */
    String hostId() {
        Path absolute = path.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        if (kind == Kind.SYSFS && name != null && name.toString().equals("sys") && absolute.getParent() != null
                && absolute.getParent().getFileName() != null) {
            name = absolute.getParent().getFileName(); // a host's tree kept as HOST/sys, as on the host itself
        }
        if (name == null) {
            throw new InvalidInputException(this + ": cannot take a host id from a path without a name");
        }
        String id = name.toString();
        boolean directory = kind == Kind.SYSFS || kind == Kind.LIBVIRT_XML && Files.isDirectory(path);
        int extension = id.lastIndexOf('.');
        return directory || extension <= 0 ? id : id.substring(0, extension);
    }

    /** The option as given, e.g. {@code --sysfs /srv/hv02}. */
    @Override
    public String toString() {
        return kind.option() + " " + path;
    }
}
