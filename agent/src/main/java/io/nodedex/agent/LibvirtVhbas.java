package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import io.nodedex.device.xml.NodeDeviceXml;
import java.util.Optional;

/** {@link VhbaExecutor#libvirt}: one read-write connection per command. */
final class LibvirtVhbas implements VhbaExecutor {

    private final String uri;

    LibvirtVhbas(String uri) {
        this.uri = uri;
    }

    @Override
    public Result create(String parent, Wwn wwnn, Wwn wwpn) {
        try (LibvirtConnection connection = LibvirtConnection.open(uri)) {
            Optional<Device> existing = withWwpn(connection, wwpn);
            if (existing.isPresent()) {
                return Result.done(existing.get().name(), "vHBA " + existing.get().name() + " with WWPN " + wwpn
                        + " already exists (under " + existing.get().parent().orElse("no parent") + ")");
            }
            String name = connection.createNodeDevice(xml(parent, wwnn, wwpn));
            return Result.done(name, "created " + name + " under " + parent + " with WWPN " + wwpn);
        } catch (LibvirtException e) {
            return Result.failed(e.libvirtMessage());
        }
    }

    @Override
    public Result destroy(String name) {
        try (LibvirtConnection connection = LibvirtConnection.open(uri)) {
            if (!connection.listNodeDeviceNames().contains(name)) {
                return Result.done(name, name + " is gone");
            }
            connection.destroyNodeDevice(name);
            return Result.done(name, "destroyed " + name);
        } catch (LibvirtException e) {
            return Result.failed(e.libvirtMessage());
        }
    }

    private Optional<Device> withWwpn(LibvirtConnection connection, Wwn wwpn) {
        for (String name : connection.listNodeDeviceNames()) {
            if (!name.startsWith("scsi_host")) {
                continue;
            }
            Device device = NodeDeviceXml.parse(connection.nodeDeviceXml(name), uri + " " + name);
            if (device.isVhba() && device.fcHost().map(fc -> fc.wwpn().equals(wwpn)).orElse(false)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    /** The XML of a new vHBA, as virNodeDeviceCreateXML takes it. */
    static String xml(String parent, Wwn wwnn, Wwn wwpn) {
        return "<device>\n  <parent>" + escape(parent) + "</parent>\n  <capability type='scsi_host'>\n"
                + "    <capability type='fc_host'>\n      <wwnn>" + wwnn + "</wwnn>\n      <wwpn>" + wwpn
                + "</wwpn>\n    </capability>\n  </capability>\n</device>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
