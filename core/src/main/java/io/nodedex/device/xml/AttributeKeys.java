package io.nodedex.device.xml;

import io.nodedex.device.Attribute;
import io.nodedex.device.xml.XmlElement.XmlAttr;
import java.util.List;
import java.util.Set;

/**
 * Turns XML that nodedex does not interpret into ordered {@link Attribute}s, keyed by the path
 * relative to the element that owns them (see {@link Attribute}):
 *
 * <ul>
 *   <li>element text: {@code vendor}; nested: {@code iommuGroup/address} ...</li>
 *   <li>an XML attribute: {@code vendor@id}, {@code iommuGroup/address@bus}</li>
 *   <li>the owner's own XML attributes: {@code @maxCount}; the owner's own text: the empty key</li>
 *   <li>an element with no text, no attributes and nothing below it ({@code <pci-express/>}):
 *       its key with an empty value, so that its presence is kept</li>
 * </ul>
 *
 * <p>Per element, its attributes come first (in document order), then its text, then its children
 * in document order; repeated elements give repeated keys. Nothing is dropped.
 */
final class AttributeKeys {

    private AttributeKeys() {
    }

    /** Adds the owner's own XML attributes (except {@code skipped}) and its own text. */
    static void addOwn(XmlElement owner, Set<String> skipped, List<Attribute> out) {
        addOwn(owner, "", skipped, out);
    }

    /** Adds {@code element} and everything below it, keyed under {@code parentKey}. */
    static void addElement(XmlElement element, String parentKey, List<Attribute> out) {
        String key = parentKey.isEmpty() ? element.name() : parentKey + "/" + element.name();
        int before = out.size();
        addOwn(element, key, Set.of(), out);
        for (XmlElement child : element.children()) {
            addElement(child, key, out);
        }
        if (out.size() == before) {
            out.add(new Attribute(key, ""));
        }
    }

    /** Adds the element's own XML attributes (except {@code skipped}) and text, keyed under {@code key}. */
    static void addOwn(XmlElement element, String key, Set<String> skipped, List<Attribute> out) {
        for (XmlAttr attr : element.attributes()) {
            if (!skipped.contains(attr.name())) {
                out.add(new Attribute(key + "@" + attr.name(), attr.value()));
            }
        }
        if (!element.text().isEmpty()) {
            out.add(new Attribute(key, element.text()));
        }
    }
}
