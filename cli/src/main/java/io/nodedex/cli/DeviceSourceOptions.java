package io.nodedex.cli;

import io.nodedex.device.Device;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.device.xml.NodeDeviceXml;
import io.nodedex.device.xml.TestDriverHostFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where an offline command reads one host's devices from: exactly one of three sources. */
final class DeviceSourceOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--libvirt-xml", paramLabel = "FILE|DIR",
                description = "A node device's XML as `virsh nodedev-dumpxml` prints it, or a directory of such *.xml files.")
        Path libvirtXml;

        @Option(names = "--test-driver-xml", paramLabel = "FILE",
                description = "A libvirt test-driver host file (root <node>, one <device> per device).")
        Path testDriverXml;

        @Option(names = "--sysfs", paramLabel = "ROOT",
                description = "A sysfs root laid out as the kernel does (ROOT/class/fc_host, ROOT/class/scsi_host).")
        Path sysfsRoot;
    }

    /** The devices of the chosen source, sorted by natural name order. */
    List<Device> read() {
        if (choice.libvirtXml != null) {
            return Files.isDirectory(choice.libvirtXml)
                    ? NodeDeviceXml.parseDirectory(choice.libvirtXml)
                    : List.of(NodeDeviceXml.parseFile(choice.libvirtXml));
        }
        if (choice.testDriverXml != null) {
            return TestDriverHostFile.read(choice.testDriverXml);
        }
        return SysfsTree.read(choice.sysfsRoot);
    }
}
