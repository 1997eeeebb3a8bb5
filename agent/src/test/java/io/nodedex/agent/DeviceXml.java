package io.nodedex.agent;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Reads values out of node device XML in tests, and writes the XML tests feed libvirt. */
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

    /** A vHBA creation request: an fc_host with the given WWNs under {@code parent}. */
    public static String vhba(String parent, String wwnn, String wwpn) {
        return """
                <device>
                  <parent>%s</parent>
                  <capability type='scsi_host'>
                    <capability type='fc_host'>
                      <wwnn>%s</wwnn>
                      <wwpn>%s</wwpn>
                    </capability>
                  </capability>
                </device>
                """.formatted(parent, wwnn, wwpn);
    }
}
