package io.nodedex.device.xml;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.xml.XmlElement.XmlAttr;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads untrusted XML into an {@link XmlElement} tree with the JDK's own parser, hardened: no
 * DOCTYPE at all (so no entities, external or internal, and no entity-expansion bombs), no
 * external DTD or schema access, no XInclude, secure processing on, a size limit checked
 * before parsing and a nesting-depth limit. SAX rather than DOM because the DOM keeps
 * attributes sorted by name, losing their document order, and SAX reports line numbers.
 *
 * <p>Stateless; every call builds its own parser, so it is safe from any thread.
 */
final class SecureXml {

    /** Deepest element nesting accepted; libvirt's node device XML nests about 5 deep. */
    static final int MAX_DEPTH = 64;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    private SecureXml() {
    }

    /** Parses a document held in memory; its size is measured in UTF-8 bytes. */
    static XmlElement parse(String xml, String origin, int maxBytes) {
        if (xml.length() > maxBytes) {
            throw tooLarge(origin, "more than " + maxBytes, maxBytes);
        }
        int bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw tooLarge(origin, Integer.toString(bytes), maxBytes);
        }
        return parse(new InputSource(new StringReader(xml)), origin);
    }

    /** Parses a file, reading at most {@code maxBytes + 1} bytes of it. */
    static XmlElement parseFile(Path file, int maxBytes) {
        String origin = file.toString();
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new InvalidInputException(origin + ": cannot read: " + e, e);
        }
        if (content.length > maxBytes) {
            throw tooLarge(origin, "more than " + maxBytes, maxBytes);
        }
        InputSource source = new InputSource(new ByteArrayInputStream(content));
        source.setSystemId(file.toUri().toString());
        return parse(source, origin);
    }

    private static InvalidInputException tooLarge(String origin, String size, int maxBytes) {
        return new InvalidInputException(origin + ": document too large: " + size
                + " bytes, the limit is " + maxBytes + " bytes");
    }

    private static XmlElement parse(InputSource source, String origin) {
        TreeBuilder builder = new TreeBuilder();
        try {
            newParser().parse(source, builder);
        } catch (SAXParseException e) {
            throw new InvalidInputException(origin + ": line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": malformed XML: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new InvalidInputException(origin + ": malformed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(origin + ": cannot read: " + e, e);
        }
        return builder.root();
    }

    private static SAXParser newParser() {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser does not support a hardening feature", e);
        }
    }

    /** Builds the element tree from SAX events. */
    private static final class TreeBuilder extends DefaultHandler {

        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        /** An element whose end tag has not been seen yet. */
        private static final class Open {
            final String name;
            final List<XmlAttr> attributes;
            final StringBuilder text = new StringBuilder();
            final List<XmlElement> children = new ArrayList<>();
            final int line;
            final int column;

            Open(String name, List<XmlAttr> attributes, int line, int column) {
                this.name = name;
                this.attributes = attributes;
                this.line = line;
                this.column = column;
            }
        }

        @Override
        public void setDocumentLocator(Locator documentLocator) {
            this.locator = documentLocator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs)
                throws SAXException {
            if (open.size() >= MAX_DEPTH) {
                throw new SAXParseException("elements nested more than " + MAX_DEPTH + " deep", locator);
            }
            List<XmlAttr> attributes = new ArrayList<>(attrs.getLength());
            for (int i = 0; i < attrs.getLength(); i++) {
                attributes.add(new XmlAttr(attrs.getQName(i), attrs.getValue(i)));
            }
            open.push(new Open(qName, attributes, lineNumber(), columnNumber()));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open done = open.pop();
            XmlElement element = new XmlElement(done.name, done.attributes, done.text.toString().strip(),
                    done.children, done.line, done.column);
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
        }

        private int lineNumber() {
            return locator == null ? -1 : locator.getLineNumber();
        }

        private int columnNumber() {
            return locator == null ? -1 : locator.getColumnNumber();
        }

        XmlElement root() {
            return root;
        }
    }
}
