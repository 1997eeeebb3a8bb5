package io.nodedex.device.xml;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.device.xml.XmlElement.XmlAttr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one {@code <capability type=...>} element, and every capability nested in it, into a flat
 * list in document order (the owner first, then each nested one), as libvirt's
 * {@code virNodeDeviceListCaps} lists them.
 *
 * <p>{@code scsi_host}, {@code fc_host}, {@code vport_ops} and {@code fc_remote_port} become typed
 * records and must hold exactly the fields libvirt defines for them (an unknown element there is an
 * error, never silently dropped). Every other type, known to libvirt or not, becomes a
 * {@link GenericCapability} whose attributes are keyed as {@link AttributeKeys} describes.
 */
final class CapabilityXmlReader {

    static final String CAPABILITY = "capability";
    private static final String TYPE = "type";

    private final ParseContext context;

    CapabilityXmlReader(ParseContext context) {
        this.context = context;
    }

    /** Appends the capability and everything nested in it to {@code out}. */
    void read(XmlElement capability, List<Capability> out) {
        String type = capability.attribute(TYPE).map(String::strip).filter(t -> !t.isEmpty())
                .orElseThrow(() -> context.error(capability, "<capability> has no type attribute"));
        out.add(switch (type) {
            case ScsiHost.TYPE -> scsiHost(capability);
            case FcHost.TYPE -> fcHost(capability);
            case VportOps.TYPE -> vportOps(capability);
            case FcRemotePort.TYPE -> fcRemotePort(capability);
            default -> generic(type, capability);
        });
        for (XmlElement child : capability.children()) {
            if (child.name().equals(CAPABILITY)) {
                read(child, out);
            }
        }
    }

    private ScsiHost scsiHost(XmlElement capability) {
        Fields fields = new Fields(ScsiHost.TYPE, capability, "host", "unique_id");
        return new ScsiHost(fields.requiredInt("host"), fields.optionalInt("unique_id"));
    }

    private FcHost fcHost(XmlElement capability) {
        Fields fields = new Fields(FcHost.TYPE, capability, "wwnn", "wwpn", "fabric_wwn", "state", "speed");
        return new FcHost(fields.requiredWwn("wwnn"), fields.requiredWwn("wwpn"),
                fields.optionalWwn("fabric_wwn"), fields.text("state"), fields.text("speed"));
    }

    /** Missing counts read as 0: capacity unknown, as {@link VportOps} documents. */
    private VportOps vportOps(XmlElement capability) {
        Fields fields = new Fields(VportOps.TYPE, capability, "max_vports", "vports");
        return new VportOps(fields.optionalInt("max_vports").orElse(0), fields.optionalInt("vports").orElse(0));
    }

    /** libvirt prints the remote port's WWPN as sysfs does, with a {@code 0x} prefix. */
    private FcRemotePort fcRemotePort(XmlElement capability) {
        Fields fields = new Fields(FcRemotePort.TYPE, capability, "rport", "wwpn");
        return new FcRemotePort(fields.requiredText("rport"), fields.requiredWwn("wwpn"));
    }

    private GenericCapability generic(String type, XmlElement capability) {
        CcwAddressCheck.check(type, capability, context);
        List<Attribute> attributes = new ArrayList<>();
        AttributeKeys.addOwn(capability, Set.of(TYPE), attributes);
        for (XmlElement child : capability.children()) {
            if (!child.name().equals(CAPABILITY)) {
                AttributeKeys.addElement(child, "", attributes);
            }
        }
        return new GenericCapability(type, attributes);
    }

    /** The text-only fields of a typed capability, checked to be known and not repeated. */
    private final class Fields {

        private final String type;
        private final XmlElement capability;
        private final Map<String, XmlElement> byName = new HashMap<>();

        Fields(String type, XmlElement capability, String... known) {
            this.type = type;
            this.capability = capability;
            Set<String> allowed = new TreeSet<>(List.of(known));
            for (XmlAttr attr : capability.attributes()) {
                if (!attr.name().equals(TYPE)) {
                    throw problem(capability, "unexpected attribute '" + attr.name() + "'");
                }
            }
            if (!capability.text().isEmpty()) {
                throw problem(capability, "unexpected text '" + capability.text() + "'");
            }
            for (XmlElement child : capability.children()) {
                if (child.name().equals(CAPABILITY)) {
                    continue;
                }
                if (!allowed.contains(child.name())) {
                    throw problem(child, "unexpected element " + child + ", expected only " + allowed
                            + " and nested capabilities");
                }
                if (!child.isTextOnly()) {
                    throw problem(child, child + " must hold only text");
                }
                if (byName.putIfAbsent(child.name(), child) != null) {
                    throw problem(child, "more than one " + child);
                }
            }
        }

        Optional<String> text(String name) {
            return element(name).map(XmlElement::text);
        }

        String requiredText(String name) {
            return text(name).orElseThrow(() -> problem(capability, "missing or empty <" + name + ">"));
        }

        Wwn requiredWwn(String name) {
            return wwn(element(name).orElseThrow(() -> problem(capability, "missing or empty <" + name + ">")));
        }

        Optional<Wwn> optionalWwn(String name) {
            return element(name).map(this::wwn);
        }

        int requiredInt(String name) {
            return number(element(name).orElseThrow(() -> problem(capability, "missing or empty <" + name + ">")));
        }

        OptionalInt optionalInt(String name) {
            return element(name).map(e -> OptionalInt.of(number(e))).orElse(OptionalInt.empty());
        }

        /** The named field, if present with non-empty text. */
        private Optional<XmlElement> element(String name) {
            return Optional.ofNullable(byName.get(name)).filter(e -> !e.text().isEmpty());
        }

        private Wwn wwn(XmlElement field) {
            try {
                return Wwn.parse(field.text());
            } catch (InvalidInputException e) {
                throw context.error(field, "capability " + type + " " + field + ": " + e.getMessage(), e);
            }
        }

        private int number(XmlElement field) {
            try {
                int value = Integer.parseInt(field.text());
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw problem(field, field + " '" + field.text() + "' is not a non-negative 32-bit integer");
        }

        private InvalidInputException problem(XmlElement at, String what) {
            return context.error(at, "capability " + type + ": " + what);
        }
    }
}
