package io.nodedex.device.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDeviceXmlHardeningTest {

    private static final String ORIGIN = "libvirt device scsi_host5";

    @Test
    void doctypeWithExternalFileEntityIsRejectedWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xml = "<?xml version='1.0'?>\n"
                + "<!DOCTYPE device [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>\n"
                + "<device><name>&xxe;</name></device>";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ORIGIN + ": line 2")
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void doctypeWithNetworkEntitiesIsRejectedWithoutConnecting() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/";
            String xml = "<!DOCTYPE device SYSTEM '" + url + "device.dtd' [\n"
                    + "  <!ENTITY % remote SYSTEM '" + url + "remote.dtd'> %remote;\n"
                    + "  <!ENTITY xxe SYSTEM '" + url + "xxe'>]>\n"
                    + "<device><name>&xxe;</name></device>";

            assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("DOCTYPE");
            // Parsing is synchronous: any connection attempt would already sit in the backlog.
            assertThat(server.accept()).isNull();
        }
    }

    @Test
    void billionLaughsBombIsRejected() {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE device [\n<!ENTITY lol0 'lol'>\n");
        for (int i = 1; i <= 10; i++) {
            xml.append("<!ENTITY lol").append(i).append(" '")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("'>\n");
        }
        xml.append("]>\n<device><name>&lol10;</name></device>");

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml.toString(), ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void deeplyNestedElementsAreRejected() {
        int depth = 10_000;
        String xml = "<device><name>x</name><capability type='deep'>" + "<a>".repeat(depth) + "</a>".repeat(depth)
                + "</capability></device>";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ORIGIN + ": line 1")
                .hasMessageContaining("nested more than " + SecureXml.MAX_DEPTH + " deep");
    }

    @Test
    void oversizedDocumentIsRejectedBeforeParsing() {
        // Malformed at the end too: a parser that ran would report that instead of the size.
        String xml = "<device><name>big</name><!--" + "x".repeat(NodeDeviceXml.MAX_DOCUMENT_BYTES) + "-->";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ORIGIN + ": document too large")
                .hasMessageContaining("limit is " + NodeDeviceXml.MAX_DOCUMENT_BYTES + " bytes");
    }

    @Test
    void documentJustOverTheLimitInUtf8BytesIsRejected() {
        String head = "<device><name>scsi_host1</name><!--";
        String tail = "--></device>";
        // 'é' is two bytes in UTF-8: the character count stays under the limit, the byte count does not.
        int chars = (NodeDeviceXml.MAX_DOCUMENT_BYTES - head.length() - tail.length()) / 2 + 1;
        String xml = head + "é".repeat(chars) + tail;
        assertThat(xml.length()).isLessThanOrEqualTo(NodeDeviceXml.MAX_DOCUMENT_BYTES);

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageStartingWith(ORIGIN + ": document too large");
    }

    @Test
    void documentAtTheLimitIsAccepted() {
        String head = "<device><name>scsi_host1</name><!--";
        String tail = "--></device>";
        String xml = head + "x".repeat(NodeDeviceXml.MAX_DOCUMENT_BYTES - head.length() - tail.length()) + tail;

        assertThat(NodeDeviceXml.parse(xml, ORIGIN).name()).isEqualTo("scsi_host1");
    }

    @Test
    void oversizedFileIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.xml");
        Files.writeString(file, "<device><name>big</name><!--" + "x".repeat(NodeDeviceXml.MAX_DOCUMENT_BYTES)
                + "--></device>", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> NodeDeviceXml.parseFile(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": document too large");
    }

    @Test
    void malformedXmlNamesTheOriginLineAndColumn() {
        String xml = "<device>\n  <name>scsi_host5</name>\n  <capability type='scsi_host'>\n</device>";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ORIGIN + ": line 4, column ")
                .hasMessageContaining("malformed XML")
                .hasMessageContaining("capability");
    }

    @Test
    void malformedFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("scsi_host5.xml"), "<device><name>x</name>");

        assertThatThrownBy(() -> NodeDeviceXml.parseFile(file))
                .hasMessageStartingWith(file + ": line 1")
                .hasMessageContaining("malformed XML");
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("", ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ORIGIN + ": line 1");
    }

    @Test
    void missingNameIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<device>\n<capability type='system'/>\n</device>", ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(ORIGIN + ": line 1, column 9: <device> has no <name>");
    }

    @Test
    void blankNameIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<device><name>  </name></device>", ORIGIN))
                .hasMessageContaining("<device> has no <name>");
    }

    @Test
    void repeatedNameIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<device><name>a</name><name>b</name></device>", ORIGIN))
                .hasMessageContaining("more than one <name>");
    }

    @Test
    void repeatedParentIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse(
                "<device><name>a</name><parent>b</parent><parent>c</parent></device>", ORIGIN))
                .hasMessageContaining("device 'a'")
                .hasMessageContaining("<device> has more than one <parent>");
    }

    @Test
    void driverWithoutNameIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse(
                "<device><name>a</name><driver><module>x</module></driver></device>", ORIGIN))
                .hasMessageContaining("<driver> has no <name>");
    }

    @Test
    void rootOtherThanDeviceIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<domain><name>vm</name></domain>", ORIGIN))
                .hasMessageContaining("expected a <device> element, found <domain>");
    }

    @Test
    void malformedWwnIsRejectedNamingTheValueTheElementAndTheDevice() {
        String xml = """
                <device>
                  <name>scsi_host5</name>
                  <capability type='scsi_host'>
                    <host>5</host>
                    <capability type='fc_host'>
                      <wwnn>20000090fa1c2d3e</wwnn>
                      <wwpn>10000090fa1c2d3g</wwpn>
                    </capability>
                  </capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ORIGIN + ": device 'scsi_host5': line 7")
                .hasMessageContaining("capability fc_host <wwpn>")
                .hasMessageContaining("'10000090fa1c2d3g'");
    }

    @Test
    void fcHostWithoutWwpnIsRejected() {
        String xml = """
                <device><name>scsi_host5</name>
                  <capability type='scsi_host'><host>5</host>
                    <capability type='fc_host'><wwnn>20000090fa1c2d3e</wwnn></capability>
                  </capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageContaining("device 'scsi_host5'")
                .hasMessageContaining("capability fc_host: missing or empty <wwpn>");
    }

    @Test
    void fcHostWithoutWwnnIsRejected() {
        String xml = """
                <device><name>scsi_host5</name>
                  <capability type='scsi_host'><host>5</host>
                    <capability type='fc_host'><wwpn>10000090fa1c2d3e</wwpn><wwnn/></capability>
                  </capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageContaining("capability fc_host: missing or empty <wwnn>");
    }

    @Test
    void unknownElementInsideATypedCapabilityIsRejectedRatherThanDropped() {
        String xml = """
                <device><name>scsi_host5</name>
                  <capability type='scsi_host'><host>5</host><colour>blue</colour></capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageContaining("capability scsi_host: unexpected element <colour>");
    }

    @Test
    void nonNumericHostNumberIsRejectedNamingTheValue() {
        String xml = "<device><name>scsi_host5</name><capability type='scsi_host'><host>five</host></capability></device>";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageContaining("capability scsi_host: <host> 'five' is not a non-negative 32-bit integer");
    }

    @Test
    void negativeVportCountIsRejected() {
        String xml = """
                <device><name>scsi_host5</name>
                  <capability type='scsi_host'><host>5</host>
                    <capability type='vport_ops'><max_vports>-1</max_vports><vports>0</vports></capability>
                  </capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageContaining("capability vport_ops: <max_vports> '-1' is not a non-negative");
    }

    @Test
    void capabilityWithoutTypeIsRejected() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<device><name>x</name><capability/></device>", ORIGIN))
                .hasMessageContaining("<capability> has no type attribute");
    }

    @Test
    void ccwDevnoBeyond0xffffIsRejected() {
        String xml = """
                <device>
                  <name>ccw_0_0_10000</name>
                  <capability type='ccw'>
                    <cssid>0x0</cssid>
                    <ssid>0x0</ssid>
                    <devno>0x10000</devno>
                  </capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessage(ORIGIN + ": device 'ccw_0_0_10000': line 6, column 12: capability ccw: <devno> '0x10000'"
                        + " is not a number from 0 to 0xffff");
    }

    @Test
    void cssChannelAddressIsRangeCheckedToo() {
        String xml = """
                <device><name>css_0_0_0023</name>
                  <capability type='css'>
                    <cssid>0x0</cssid><ssid>0x0</ssid><devno>0x0023</devno>
                    <channel_dev_addr><cssid>0x0</cssid><ssid>4</ssid><devno>0x0008</devno></channel_dev_addr>
                  </capability>
                </device>""";

        assertThatThrownBy(() -> NodeDeviceXml.parse(xml, ORIGIN))
                .hasMessageContaining("capability css: <ssid> '4' is not a number from 0 to 0x3");
    }
}
