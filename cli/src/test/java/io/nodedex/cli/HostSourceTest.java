package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.cli.HostSource.Kind;
import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host id an offline source stands for. */
class HostSourceTest {

    @TempDir
    Path dir;

    private static String hostId(Kind kind, Path path) {
        return new HostSource(kind, path).hostId();
    }

    @Test
    void aHostFileIsItsNameWithoutTheExtension() {
        assertThat(hostId(Kind.TEST_DRIVER_XML, Path.of("/srv/fleet/hv01.xml"))).isEqualTo("hv01");
        assertThat(hostId(Kind.TEST_DRIVER_XML, Path.of("hv01"))).isEqualTo("hv01");
    }

    @Test
    void onlyTheLastExtensionGoes() {
        assertThat(hostId(Kind.TEST_DRIVER_XML, Path.of("hv01.dc1.example.com.xml"))).isEqualTo("hv01.dc1.example.com");
    }

    @Test
    void aNodeDeviceXmlFileIsItsNameWithoutTheExtensionADirectoryItsName() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("hv02.dc1"));
        Path file = Files.writeString(dir.resolve("hv05.xml"), "<device/>");

        assertThat(hostId(Kind.LIBVIRT_XML, directory)).isEqualTo("hv02.dc1");
        assertThat(hostId(Kind.LIBVIRT_XML, file)).isEqualTo("hv05");
    }

    @Test
    void aSysfsRootIsTheNameOfTheDirectoryGiven() {
        assertThat(hostId(Kind.SYSFS, Path.of("/srv/hosts/hv03"))).isEqualTo("hv03");
        assertThat(hostId(Kind.SYSFS, Path.of("/srv/hosts/hv03.dc1/"))).isEqualTo("hv03.dc1");
    }

    @Test
    void aSysfsRootNamedSysIsNamedByTheDirectoryItIsIn() {
        assertThat(hostId(Kind.SYSFS, Path.of("/srv/fleet/hv02/sys"))).isEqualTo("hv02");
        assertThat(hostId(Kind.SYSFS, Path.of("/sys"))).isEqualTo("sys");
        assertThat(hostId(Kind.LIBVIRT_XML, Path.of("/srv/fleet/hv02/sys.xml"))).isEqualTo("sys");
    }

    @Test
    void relativePathsAndDotsAreResolvedFirst() {
        Path cwd = Path.of("").toAbsolutePath();

        assertThat(hostId(Kind.SYSFS, Path.of("."))).isEqualTo(cwd.getFileName().toString());
        assertThat(hostId(Kind.SYSFS, Path.of("/srv/hosts/hv03/sys/.."))).isEqualTo("hv03");
    }

    @Test
    void theRootHasNoName() {
        assertThatThrownBy(() -> hostId(Kind.SYSFS, Path.of("/"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("--sysfs /: cannot take a host id from a path without a name");
    }
}
