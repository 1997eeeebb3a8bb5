package io.nodedex.device.sysfs;

import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the SCSI hosts and Fibre Channel HBAs of a sysfs tree ({@code /sys}, or a fake tree laid
 * out as the kernel does) into {@link Device}s named as libvirt names them ({@code scsi_hostN}).
 *
 * <p>For every {@code class/scsi_host/hostN} or {@code class/fc_host/hostN}:
 * <ul>
 *   <li>{@link ScsiHost}{@code (N, unique_id)};</li>
 *   <li>{@link FcHost} if {@code class/fc_host/hostN} has both {@code node_name} and
 *       {@code port_name} (a port missing either is only a scsi_host), with {@code fabric_name},
 *       {@code port_state} and {@code speed} when present. Values are kept as the kernel prints
 *       them ({@code Online}, {@code 8 Gbit}, {@code unknown}); a fabric_name of
 *       {@code 0xffffffffffffffff} is what the kernel reports for an unknown fabric (link down)
 *       and is kept as that WWN, not dropped;</li>
 *   <li>{@link VportOps}{@code (max_npiv_vports, npiv_vports_inuse)} if that fc_host is NPIV
 *       capable: {@code vport_create} exists under {@code class/fc_host/hostN} or (older kernels)
 *       {@code class/scsi_host/hostN}. Each count is read from fc_host, else scsi_host; a missing
 *       count reads 0 (capacity unknown).</li>
 * </ul>
 * The sysfs path and parent come from where the class entries link to (see
 * {@link HostPlacement}). The driver is the host's {@code proc_name} (the low-level driver,
 * e.g. {@code lpfc}); libvirt itself reports no driver for scsi_host devices, because the
 * kernel binds no driver to the {@code hostN} device.
 *
 * <p>Nothing outside the root is read. Malformed values and unreadable files are
 * {@link InvalidInputException}s naming the file and value.
 *
 * <p>Stateless and safe to call from any thread. sysfs may change while it is read (hot-plug),
 * so a result is not an atomic snapshot; a host that disappears mid-read may surface as an
 * error, and the caller reads again.
 */
public final class SysfsTree {

    /** Where sysfs is mounted. */
    public static final Path DEFAULT_ROOT = Path.of("/sys");

    private static final String SCSI_HOST_CLASS = "scsi_host";
    private static final String FC_HOST_CLASS = "fc_host";
    private static final Pattern HOST = Pattern.compile("host(\\d+)");
    private static final String NULL_PROC_NAME = "(null)";

    private final SysfsRoot sysfs;

    private SysfsTree(SysfsRoot sysfs) {
        this.sysfs = sysfs;
    }

    /**
     * Reads every SCSI host under {@code root}.
     *
     * @return devices in {@link NaturalOrder#NAMES natural order} of their names
     */
    public static List<Device> read(Path root) {
        return new SysfsTree(SysfsRoot.open(root)).readAll();
    }

    private List<Device> readAll() {
        Path scsiClass = classDirectory(SCSI_HOST_CLASS);
        Path fcClass = classDirectory(FC_HOST_CLASS);
        SortedSet<String> hosts = new TreeSet<>(NaturalOrder.NAMES);
        hosts.addAll(hostNames(scsiClass));
        hosts.addAll(hostNames(fcClass));
        List<Device> devices = new ArrayList<>();
        for (String host : hosts) {
            devices.add(readHost(host, scsiClass.resolve(host), fcClass.resolve(host)));
        }
        devices.sort(Comparator.comparing(Device::name, NaturalOrder.NAMES));
        return devices;
    }

    private Path classDirectory(String className) {
        return sysfs.root().resolve("class").resolve(className);
    }

    private List<String> hostNames(Path classDir) {
        if (!Files.exists(classDir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sysfs.resolveWithin(classDir))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!HOST.matcher(name).matches()) {
                    throw new InvalidInputException("sysfs " + classDir + " holds '" + name
                            + "', which is not a hostN entry");
                }
                names.add(name);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list sysfs directory " + classDir + ": " + e, e);
        }
        return names;
    }

    private Device readHost(String host, Path scsiEntry, Path fcEntry) {
        List<Path> entries = new ArrayList<>();
        for (Path entry : List.of(scsiEntry, fcEntry)) {
            if (SysfsRoot.present(entry)) {
                if (!Files.isDirectory(entry)) {
                    throw new InvalidInputException("sysfs entry " + entry + " is not a directory");
                }
                entries.add(entry);
            }
        }
        HostPlacement placement = HostPlacement.of(sysfs, host, entries);
        List<Capability> capabilities = new ArrayList<>();
        capabilities.add(new ScsiHost(hostNumber(host), unsignedInt(scsiEntry.resolve("unique_id"))));
        Optional<FcHost> fcHost = fcHost(fcEntry);
        if (fcHost.isPresent()) {
            capabilities.add(fcHost.get());
            if (Files.exists(fcEntry.resolve("vport_create")) || Files.exists(scsiEntry.resolve("vport_create"))) {
                capabilities.add(new VportOps(count("max_npiv_vports", fcEntry, scsiEntry),
                        count("npiv_vports_inuse", fcEntry, scsiEntry)));
            }
        }
        Optional<String> driver = sysfs.read(scsiEntry.resolve("proc_name"))
                .filter(name -> !name.isEmpty() && !name.equals(NULL_PROC_NAME));
        return new Device("scsi_" + host, placement.parent(), placement.sysfsPath(), driver, List.of(),
                capabilities);
    }

    private static int hostNumber(String host) {
        String digits = host.substring("host".length());
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("sysfs host '" + host + "': host number out of range", e);
        }
    }

    private Optional<FcHost> fcHost(Path fcEntry) {
        Optional<String> nodeName = sysfs.read(fcEntry.resolve("node_name"));
        Optional<String> portName = sysfs.read(fcEntry.resolve("port_name"));
        if (nodeName.isEmpty() || portName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FcHost(
                wwn(fcEntry.resolve("node_name"), nodeName.get()),
                wwn(fcEntry.resolve("port_name"), portName.get()),
                sysfs.read(fcEntry.resolve("fabric_name")).map(v -> wwn(fcEntry.resolve("fabric_name"), v)),
                nonEmpty(sysfs.read(fcEntry.resolve("port_state"))),
                nonEmpty(sysfs.read(fcEntry.resolve("speed")))));
    }

    private static Optional<String> nonEmpty(Optional<String> value) {
        return value.filter(v -> !v.isEmpty());
    }

    private static Wwn wwn(Path file, String value) {
        try {
            return Wwn.parse(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("sysfs file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The count from the first directory that has the file, else 0 (unknown). */
    private int count(String fileName, Path... directories) {
        for (Path directory : directories) {
            OptionalInt value = unsignedInt(directory.resolve(fileName));
            if (value.isPresent()) {
                return value.getAsInt();
            }
        }
        return 0;
    }

    private OptionalInt unsignedInt(Path file) {
        Optional<String> text = sysfs.read(file);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= 0) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("sysfs file " + file + ": '" + text.get()
                + "' is not a non-negative decimal integer");
    }
}
