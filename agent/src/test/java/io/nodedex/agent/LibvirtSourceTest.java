package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.xml.NodeDeviceXml;
import io.nodedex.device.xml.TestDriverHostFile;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import io.nodedex.testkit.TestDriverXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LibvirtSource} against libvirt's test driver, in this process. */
class LibvirtSourceTest {

    static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 2, false);

    @TempDir
    Path dir;
    private final RecordingOutlet outlet = new RecordingOutlet();
    private LibvirtSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void snapshotsTheDefaultHostWithBothHbasAndTheVhba() throws Exception {
        start("test:///default");

        HostSnapshot snapshot = outlet.next(HostSnapshot.class);

        assertThat(names(snapshot)).contains("scsi_host1", "scsi_host2", "scsi_host11");
        Device hba = device(snapshot, "scsi_host1");
        assertThat(hba.isVportCapable()).isTrue();
        assertThat(hba.fcHost().orElseThrow().wwpn()).hasToString("1000000012341234");
        Device vhba = device(snapshot, "scsi_host11");
        assertThat(vhba.isVhba()).isTrue();
        assertThat(vhba.parent()).contains("scsi_host1");
    }

    @Test
    void snapshotDevicesAreWhatTheOfflineParserReadsFromLibvirtsXml() throws Exception {
        start("test:///default");

        HostSnapshot snapshot = outlet.next(HostSnapshot.class);

        assertThat(snapshot.devices()).isEqualTo(LibvirtDevices.read("test:///default"));
    }

    @Test
    void aVhbaCreatedAndDestroyedThroughAnotherConnectionArrivesAsUpsertThenRemoval() throws Exception {
        start("test:///default");
        outlet.next(HostSnapshot.class);

        try (LibvirtConnection operator = LibvirtConnection.open("test:///default")) {
            String name = operator.createNodeDevice(
                    TestDriverXml.vhbaRequest("scsi_host1", "2001001b32a9da60", "2101001b32a9da60"));
            try {
                DeviceUpserted created = outlet.next(DeviceUpserted.class);
                assertThat(created.device())
                        .isEqualTo(NodeDeviceXml.parse(operator.nodeDeviceXml(name), name));
                assertThat(created.device().fcHost().orElseThrow().wwpn()).hasToString("2101001b32a9da60");
                assertThat(created.device().isVhba()).isTrue();
            } finally {
                operator.destroyNodeDevice(name);
            }
            assertThat(outlet.next(DeviceRemoved.class)).isEqualTo(new DeviceRemoved(name));
        }
    }

    @Test
    void everyPublicationIsTaggedLibvirt() throws Exception {
        start("test:///default");

        assertThat(outlet.next().source()).isEqualTo(Source.LIBVIRT);
    }

    @Test
    void aHostFileIsSnapshotWithEveryDeviceAndItsFibreChannelFacts() throws Exception {
        Path file = dir.resolve("host.xml");
        Files.writeString(file, HostFileTest.HOST_XML);
        start("test://" + file);

        HostSnapshot snapshot = outlet.next(HostSnapshot.class);

        assertThat(names(snapshot)).isEqualTo(List.of("computer", "net_eth0_52_54_00_12_34_56",
                "pci_0000_04_00_0", "scsi_host3", "scsi_host4", "scsi_host5", "scsi_host11"));
        assertThat(snapshot.devices()).isEqualTo(LibvirtDevices.read("test://" + file));
        assertThat(facts(snapshot.devices())).isEqualTo(facts(TestDriverHostFile.read(file)));
    }

    @Test
    void aGeneratedHostWithManyHbasAndVhbasIsSnapshotCompletely() throws Exception {
        Path file = dir.resolve("many.xml");
        start(TestDriverXml.write(file, 6, 2, 5));

        HostSnapshot snapshot = outlet.next(HostSnapshot.class);

        assertThat(snapshot.devices()).hasSize(TestDriverXml.deviceCount(6, 2, 5));
        assertThat(facts(snapshot.devices())).isEqualTo(facts(TestDriverHostFile.read(file)));
        assertThat(snapshot.devices().stream().filter(Device::isVportCapable)).hasSize(6);
        assertThat(snapshot.devices().stream().filter(Device::isVhba)).hasSize(12);
    }

    @Test
    void aRequestedSnapshotRepeatsTheFirstExactly() throws Exception {
        start("test:///default");
        HostSnapshot first = outlet.next(HostSnapshot.class);

        source.requestSnapshot();

        assertThat(outlet.next(HostSnapshot.class)).isEqualTo(first);
    }

    private void start(String uri) {
        source = new LibvirtSource(LibvirtSourceSettings.of(uri).withReconnect(FAST));
        source.start(outlet);
    }

    /**
     * What a host file and libvirt's view of it must agree on. libvirt's test driver rewrites the
     * rest: it adds an empty {@code <firmware/>} to the system device and reports vport counts as 0.
     */
    record Facts(String name, Optional<String> parent, Optional<FcHost> fcHost, boolean vportCapable) {
    }

    static List<Facts> facts(List<Device> devices) {
        return devices.stream()
                .map(d -> new Facts(d.name(), d.parent(), d.fcHost(), d.isVportCapable()))
                .toList();
    }

    static List<String> names(HostSnapshot snapshot) {
        return snapshot.devices().stream().map(Device::name).toList();
    }

    static Device device(HostSnapshot snapshot, String name) {
        return snapshot.devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
