package io.nodedex.device.xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed XML element: its name, its attributes in document order, its own text (stripped;
 * whitespace-only text is empty), its child elements, and where its start tag ended in the
 * document. Immutable.
 */
record XmlElement(String name, List<XmlAttr> attributes, String text, List<XmlElement> children,
        int line, int column) {

    /** One XML attribute. */
    record XmlAttr(String name, String value) {
        XmlAttr {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    XmlElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        attributes = List.copyOf(attributes);
        children = List.copyOf(children);
    }

    Optional<String> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).map(XmlAttr::value)
                .findFirst();
    }

    /** Whether the element has neither attributes nor child elements, only (possibly empty) text. */
    boolean isTextOnly() {
        return attributes.isEmpty() && children.isEmpty();
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
