package io.nodedex.device.xml;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.NaturalOrder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses libvirt node device XML, as {@code virsh nodedev-dumpxml} and
 * {@code virNodeDeviceGetXMLDesc} print it, into {@link Device}s.
 *
 * <p>Every capability type libvirt emits is accepted: {@code scsi_host} (with nested
 * {@code fc_host} and {@code vport_ops}) and {@code fc_remote_port} become typed capabilities;
 * all others ({@code system}, {@code pci}, {@code usb_device}, {@code usb}, {@code net},
 * {@code scsi_target}, {@code scsi}, {@code storage}, {@code scsi_generic}, {@code drm},
 * {@code mdev}, {@code mdev_types}, {@code ccw}, {@code css}, {@code vdpa}, {@code ap_card},
 * {@code ap_queue}, {@code ap_matrix}, {@code vpd}, and any future type) are kept generically,
 * with nested capabilities flattened into the device's list in document order. WWNs are parsed
 * as numbers. Input is untrusted: no DOCTYPE, no entities, no external access, a size limit of
 * {@link #MAX_DOCUMENT_BYTES} checked before parsing. Errors are {@link InvalidInputException}s
 * naming the origin, the device, the line and the problem.
 *
 * <p>Stateless and safe to call from any thread.
 */
public final class NodeDeviceXml {

    /** The largest document accepted, in bytes (UTF-8 for strings). */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private NodeDeviceXml() {
    }

    /**
     * Parses one {@code <device>} document.
     *
     * @param origin where the XML came from, for error messages: a file path, or
     *     {@code "libvirt device scsi_host5"}
     */
    public static Device parse(String xml, String origin) {
        return DeviceXmlReader.read(SecureXml.parse(xml, origin, MAX_DOCUMENT_BYTES), ParseContext.of(origin));
    }

    /** Parses a file holding one {@code <device>} document. */
    public static Device parseFile(Path file) {
        return DeviceXmlReader.read(SecureXml.parseFile(file, MAX_DOCUMENT_BYTES), ParseContext.of(file.toString()));
    }

    /**
     * Parses every {@code *.xml} file directly in {@code directory}, in natural order of file
     * names, each holding one {@code <device>}.
     *
     * @return the devices in {@link NaturalOrder#NAMES natural order} of their names
     * @throws InvalidInputException if a file cannot be parsed or two files define the same name
     */
    public static List<Device> parseDirectory(Path directory) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.xml")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(directory + ": cannot list node device XML files: " + e, e);
        }
        files.sort(Comparator.comparing(f -> f.getFileName().toString(), NaturalOrder.NAMES));
        Map<String, Path> definedBy = new HashMap<>();
        List<Device> devices = new ArrayList<>();
        for (Path file : files) {
            Device device = parseFile(file);
            Path earlier = definedBy.putIfAbsent(device.name(), file);
            if (earlier != null) {
                throw new InvalidInputException(directory + ": device name '" + device.name()
                        + "' is defined by both " + earlier.getFileName() + " and " + file.getFileName());
            }
            devices.add(device);
        }
        return sortedByName(devices);
    }

    static List<Device> sortedByName(List<Device> devices) {
        return devices.stream().sorted(Comparator.comparing(Device::name, NaturalOrder.NAMES)).toList();
    }
}
