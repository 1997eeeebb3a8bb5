package io.nodedex.agent;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Reads values out of node device XML in tests (the XML they feed libvirt is written with testkit's {@code TestDriverXml}). */
public final class DeviceXml {

    private DeviceXml() {
    }

    /** The string value of {@code xpath} in {@code xml}; empty when nothing matches. */
    static String text(String xml, String xpath) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
        } catch (Exception e) {
            throw new AssertionError("Cannot evaluate " + xpath + " in " + xml, e);
        }
    }
}
