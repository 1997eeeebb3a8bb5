package io.nodedex.device.xml;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the node devices of a libvirt test-driver host file (the file behind
 * {@code test:///path/host.xml}): a root {@code <node>} whose {@code <device>} children are node
 * devices. Other children ({@code <domain>}, {@code <network>}, {@code <pool>}, {@code <cpu>},
 * ...) are not node devices and are ignored. As in libvirt's test driver, a
 * {@code <device file='x.xml'/>} child is read from that file, relative to the host file's
 * directory.
 *
 * <p>The same hardening as {@link NodeDeviceXml} applies, with a size limit of
 * {@link #MAX_FILE_BYTES}. Stateless and safe to call from any thread.
 */
public final class TestDriverHostFile {

    /** The largest host file accepted, in bytes. */
    public static final int MAX_FILE_BYTES = 16 << 20;

    private static final String NODE = "node";
    private static final String DEVICE = "device";
    private static final String FILE = "file";

    private TestDriverHostFile() {
    }

    /**
     * @return the host's devices in natural order of their names
     * @throws InvalidInputException if the file is not a {@code <node>} document, a device is
     *     malformed, or two devices share a name
     */
    public static List<Device> read(Path hostFile) {
        ParseContext context = ParseContext.of(hostFile.toString());
        XmlElement node = SecureXml.parseFile(hostFile, MAX_FILE_BYTES);
        if (!node.name().equals(NODE)) {
            throw context.error(node, "expected a <node> test-driver host file, found " + node);
        }
        Map<String, XmlElement> definedAt = new HashMap<>();
        List<Device> devices = new ArrayList<>();
        for (XmlElement child : node.children()) {
            if (!child.name().equals(DEVICE)) {
                continue;
            }
            Optional<String> file = child.attribute(FILE);
            Device device = file.isPresent()
                    ? NodeDeviceXml.parseFile(hostFile.toAbsolutePath().resolveSibling(file.get()))
                    : DeviceXmlReader.read(child, context);
            XmlElement earlier = definedAt.putIfAbsent(device.name(), child);
            if (earlier != null) {
                throw context.error(child, "device name '" + device.name()
                        + "' is already defined at line " + earlier.line());
            }
            devices.add(device);
        }
        return NodeDeviceXml.sortedByName(devices);
    }
}
