package io.nodedex.device.xml;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.device.xml.XmlElement.XmlAttr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code <device>} element of libvirt's node device XML into a {@link Device}.
 *
 * <p>{@code <name>} (required), {@code <path>}, {@code <parent>} and {@code <driver><name>} fill
 * the typed fields and may appear at most once; each {@code <capability>} is read by
 * {@link CapabilityXmlReader}; every other element ({@code <devnode>}, ...) becomes device
 * attributes keyed as {@link AttributeKeys} describes. A {@code <parent>} given by WWNs (as in
 * vHBA create XML) keeps them as attributes {@code parent@wwnn}, {@code parent@wwpn},
 * {@code parent@fabric_wwn}, normalised to 16 hex digits; anything else inside
 * {@code <driver>} or {@code <parent>} is kept as {@code driver/...} and {@code parent/...}.
 */
final class DeviceXmlReader {

    private static final String DEVICE = "device";
    private static final String NAME = "name";
    private static final String PATH = "path";
    private static final String PARENT = "parent";
    private static final String DRIVER = "driver";
    private static final Set<String> PARENT_WWNS = Set.of("wwnn", "wwpn", "fabric_wwn");

    private DeviceXmlReader() {
    }

    static Device read(XmlElement device, ParseContext outer) {
        if (!device.name().equals(DEVICE)) {
            throw outer.error(device, "expected a <device> element, found " + device);
        }
        String name = single(device, NAME, outer).map(e -> plainText(e, outer)).filter(t -> !t.isEmpty())
                .orElseThrow(() -> outer.error(device, "<device> has no <name>"));
        ParseContext context = outer.forDevice(name);
        for (String unique : List.of(PARENT, DRIVER)) {
            single(device, unique, context);
        }
        Optional<String> path = single(device, PATH, context).map(e -> plainText(e, context))
                .filter(t -> !t.isEmpty());
        Optional<String> parent = Optional.empty();
        Optional<String> driver = Optional.empty();
        List<Attribute> attributes = new ArrayList<>();
        List<Capability> capabilities = new ArrayList<>();
        CapabilityXmlReader capabilityReader = new CapabilityXmlReader(context);
        AttributeKeys.addOwn(device, Set.of(), attributes);
        for (XmlElement child : device.children()) {
            switch (child.name()) {
                case NAME, PATH -> {
                    // read above
                }
                case PARENT -> parent = parent(child, context, attributes);
                case DRIVER -> driver = driver(child, context, attributes);
                case CapabilityXmlReader.CAPABILITY -> capabilityReader.read(child, capabilities);
                default -> AttributeKeys.addElement(child, "", attributes);
            }
        }
        return new Device(name, parent, path, driver, attributes, capabilities);
    }

    /** The only child of that name, if any; a repeated one is an error. */
    private static Optional<XmlElement> single(XmlElement owner, String name, ParseContext context) {
        List<XmlElement> found = owner.children().stream().filter(c -> c.name().equals(name)).toList();
        if (found.size() > 1) {
            throw context.error(found.get(1), owner + " has more than one <" + name + ">");
        }
        return found.stream().findFirst();
    }

    private static String plainText(XmlElement element, ParseContext context) {
        if (!element.isTextOnly()) {
            throw context.error(element, element + " must hold only text");
        }
        return element.text();
    }

    private static Optional<String> parent(XmlElement parent, ParseContext context, List<Attribute> out) {
        for (XmlAttr attr : parent.attributes()) {
            String value = PARENT_WWNS.contains(attr.name()) ? wwn(parent, attr, context) : attr.value();
            out.add(new Attribute(PARENT + "@" + attr.name(), value));
        }
        for (XmlElement child : parent.children()) {
            AttributeKeys.addElement(child, PARENT, out);
        }
        return Optional.of(parent.text()).filter(t -> !t.isEmpty());
    }

    private static String wwn(XmlElement at, XmlAttr attr, ParseContext context) {
        try {
            return Wwn.parse(attr.value()).toString();
        } catch (InvalidInputException e) {
            throw context.error(at, "<parent " + attr.name() + "=...>: " + e.getMessage(), e);
        }
    }

    private static Optional<String> driver(XmlElement driver, ParseContext context, List<Attribute> out) {
        XmlElement name = single(driver, NAME, context)
                .orElseThrow(() -> context.error(driver, "<driver> has no <name>"));
        AttributeKeys.addOwn(driver, DRIVER, Set.of(), out);
        for (XmlElement child : driver.children()) {
            if (child != name) {
                AttributeKeys.addElement(child, DRIVER, out);
            }
        }
        return Optional.of(plainText(name, context)).filter(t -> !t.isEmpty());
    }
}
