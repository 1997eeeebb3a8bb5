package io.nodedex.cli;

import io.nodedex.device.Device;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where an offline command reads one host's devices from: exactly one of three sources. */
final class DeviceSourceOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = HostSource.LIBVIRT_XML, paramLabel = "FILE|DIR",
                description = "A node device's XML as `virsh nodedev-dumpxml` prints it, or a directory of such *.xml files.")
        Path libvirtXml;

        @Option(names = HostSource.TEST_DRIVER_XML, paramLabel = "FILE",
                description = "A libvirt test-driver host file (root <node>, one <device> per device).")
        Path testDriverXml;

        @Option(names = HostSource.SYSFS, paramLabel = "ROOT",
                description = "A sysfs root laid out as the kernel does (ROOT/class/fc_host, ROOT/class/scsi_host).")
        Path sysfsRoot;
    }

    /** The devices of the chosen source, sorted by natural name order. */
    List<Device> read() {
        return source().read();
    }

    private HostSource source() {
        if (choice.libvirtXml != null) {
            return new HostSource(HostSource.Kind.LIBVIRT_XML, choice.libvirtXml);
        }
        if (choice.testDriverXml != null) {
            return new HostSource(HostSource.Kind.TEST_DRIVER_XML, choice.testDriverXml);
        }
        return new HostSource(HostSource.Kind.SYSFS, choice.sysfsRoot);
    }
}
