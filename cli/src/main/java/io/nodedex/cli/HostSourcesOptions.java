package io.nodedex.cli;

import io.nodedex.device.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The hosts an offline command over several hosts reads: any number of sources, one per host,
 * each read as {@link HostSource} reads it and named by the host id its path gives
 * ({@link HostSource#hostId()}).
 */
final class HostSourcesOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = HostSource.TEST_DRIVER_XML, paramLabel = "FILE",
            description = "A host's libvirt test-driver host file (root <node>, one <device> per device)."
                    + " Host id: the file name without its extension (hv01.xml: hv01).")
    List<Path> testDriverXml = new ArrayList<>();

    @Option(names = HostSource.LIBVIRT_XML, paramLabel = "FILE|DIR",
            description = "A host's node device XML as `virsh nodedev-dumpxml` prints it, or a directory of such"
                    + " *.xml files. Host id: the file name without its extension, or the directory name.")
    List<Path> libvirtXml = new ArrayList<>();

    @Option(names = HostSource.SYSFS, paramLabel = "ROOT",
            description = "A host's sysfs root laid out as the kernel does (ROOT/class/fc_host, ROOT/class/scsi_host)."
                    + " Host id: the name of the directory ROOT (/srv/hv03: hv03).")
    List<Path> sysfs = new ArrayList<>();

    /** Whether no source was given. */
    boolean isEmpty() {
        return sources().isEmpty();
    }

    /** Every source given, test-driver files first, then libvirt XML, then sysfs roots, each in the order given. */
    List<HostSource> sources() {
        List<HostSource> sources = new ArrayList<>();
        testDriverXml.forEach(path -> sources.add(new HostSource(HostSource.Kind.TEST_DRIVER_XML, path)));
        libvirtXml.forEach(path -> sources.add(new HostSource(HostSource.Kind.LIBVIRT_XML, path)));
        sysfs.forEach(path -> sources.add(new HostSource(HostSource.Kind.SYSFS, path)));
        return sources;
    }

    /**
     * Every host's devices, by host id.
     *
     * @throws ParameterException when two sources give the same host id, before any is read
     * @throws io.nodedex.device.InvalidInputException naming the file when a source cannot be read
     */
    Map<String, List<Device>> read() {
        Map<String, HostSource> byHost = new TreeMap<>();
        for (HostSource source : sources()) {
            String host = source.hostId();
            HostSource earlier = byHost.putIfAbsent(host, source);
            if (earlier != null) {
                throw new ParameterException(command.commandLine(), earlier + " and " + source
                        + " are both host '" + host + "': give one source per host");
            }
        }
        Map<String, List<Device>> hosts = new TreeMap<>();
        byHost.forEach((host, source) -> hosts.put(host, source.read()));
        return hosts;
    }
}
