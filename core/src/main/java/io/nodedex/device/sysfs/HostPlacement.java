package io.nodedex.device.sysfs;

import io.nodedex.device.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Where a SCSI host sits in the kernel's device tree: its device directory as a sysfs path
 * ({@code /sys/devices/.../host5}) and its parent as libvirt names it.
 *
 * <p>The kernel's {@code class/scsi_host/hostN} and {@code class/fc_host/hostN} are symlinks to
 * {@code devices/.../hostN/scsi_host/hostN} and {@code devices/.../hostN/fc_host/hostN}. The
 * parent is the nearest ancestor of {@code hostN} that libvirt lists as a node device, named as
 * libvirt names it: {@code hostM} (a vHBA sits under {@code hostM/vport-M:0-0/}) is
 * {@code scsi_hostM}; a PCI function {@code 0000:05:00.0} is {@code pci_0000_05_00_0}; a USB
 * device or interface {@code 2-1:1.0} is {@code usb_2_1_1_0}; with none of these, libvirt's root
 * device {@code computer}. A class entry that is a plain directory (as in libvirt's own fake
 * trees) tells neither.
 */
record HostPlacement(Optional<String> sysfsPath, Optional<String> parent) {

    static final HostPlacement UNKNOWN = new HostPlacement(Optional.empty(), Optional.empty());

    private static final String SYSFS_MOUNT = "/sys";
    private static final String ROOT_DEVICE = "computer";
    private static final Pattern SCSI_HOST = Pattern.compile("host(\\d+)");
    private static final Pattern PCI_FUNCTION = Pattern.compile("\\p{XDigit}{4,8}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.[0-7]");
    private static final Pattern USB = Pattern.compile("usb\\d+|\\d+-\\d+(\\.\\d+)*(:\\d+\\.\\d+)?");

    /**
     * @param classEntries the host's present {@code class/<class>/hostN} entries, scsi_host first
     * @throws InvalidInputException if an entry links outside the root, not into a
     *     {@code .../hostN/<class>/hostN} directory, or two entries disagree
     */
    static HostPlacement of(SysfsRoot sysfs, String host, List<Path> classEntries) {
        Optional<Path> deviceDir = Optional.empty();
        for (Path entry : classEntries) {
            if (!Files.isSymbolicLink(entry)) {
                continue;
            }
            Path dir = deviceDirectory(sysfs, host, entry);
            if (deviceDir.isPresent() && !deviceDir.get().equals(dir)) {
                throw new InvalidInputException("sysfs entries for " + host + " disagree: "
                        + classEntries + " lead to " + deviceDir.get() + " and " + dir);
            }
            deviceDir = Optional.of(dir);
        }
        return deviceDir.map(dir -> new HostPlacement(Optional.of(sysfsPath(sysfs, dir)),
                Optional.of(parentName(sysfs, dir)))).orElse(UNKNOWN);
    }

    private static Path deviceDirectory(SysfsRoot sysfs, String host, Path entry) {
        Path real = sysfs.resolveWithin(entry);
        String className = entry.getParent().getFileName().toString();
        Path classDir = real.getParent();
        Path deviceDir = classDir == null ? null : classDir.getParent();
        if (!nameIs(real, host) || !nameIs(classDir, className) || !nameIs(deviceDir, host)) {
            throw new InvalidInputException("sysfs entry " + entry + " links to " + real
                    + ", not to .../" + host + "/" + className + "/" + host + " as the kernel lays it out");
        }
        return deviceDir;
    }

    private static boolean nameIs(Path path, String name) {
        return path != null && path.getFileName() != null && path.getFileName().toString().equals(name);
    }

    private static String sysfsPath(SysfsRoot sysfs, Path deviceDir) {
        return SYSFS_MOUNT + "/" + StreamSupport.stream(sysfs.realRoot().relativize(deviceDir).spliterator(), false)
                .map(Path::toString).collect(Collectors.joining("/"));
    }

    private static String parentName(SysfsRoot sysfs, Path deviceDir) {
        for (Path ancestor = deviceDir.getParent(); ancestor != null && !ancestor.equals(sysfs.realRoot());
                ancestor = ancestor.getParent()) {
            Optional<String> name = libvirtName(ancestor.getFileName().toString());
            if (name.isPresent()) {
                return name.get();
            }
        }
        return ROOT_DEVICE;
    }

    /** The libvirt node device name of a sysfs device directory, if libvirt lists it. */
    private static Optional<String> libvirtName(String directory) {
        Matcher host = SCSI_HOST.matcher(directory);
        if (host.matches()) {
            return Optional.of("scsi_host" + host.group(1));
        }
        if (PCI_FUNCTION.matcher(directory).matches()) {
            return Optional.of("pci_" + sanitized(directory));
        }
        if (USB.matcher(directory).matches()) {
            return Optional.of("usb_" + sanitized(directory));
        }
        return Optional.empty();
    }

    /** libvirt's udev backend replaces every non-alphanumeric character of a name by '_'. */
    private static String sanitized(String sysname) {
        return sysname.replaceAll("[^A-Za-z0-9]", "_");
    }
}
