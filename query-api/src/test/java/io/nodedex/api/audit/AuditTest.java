package io.nodedex.api.audit;

import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.scsiHost;
import static io.nodedex.testkit.Devices.vhba;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.api.audit.Finding.Kind;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.Wwn;
import io.nodedex.indexer.HostDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditTest {

    private static final long FABRIC = 0x100000051e9a0b01L;

    private static List<HostDevice> on(String host, Device... devices) {
        return Stream.of(devices).map(device -> new HostDevice(host, device)).toList();
    }

    @SafeVarargs
    private static List<HostDevice> fleet(List<HostDevice>... hosts) {
        return Stream.of(hosts).flatMap(List::stream).toList();
    }

    private static List<String> summary(List<Finding> findings) {
        return findings.stream().map(f -> f.kind().wireName() + " " + f.devices()).toList();
    }

    @Test
    void libvirtsDefaultHostHasNoFindingsItsCapacitiesAreUnknown() {
        List<HostDevice> devices = on("h1",
                hba("scsi_host1", "computer", 0x2000000012341234L, 0x1000000012341234L, 0x2000000043214321L),
                hba("scsi_host2", "computer", 0x2000000056785678L, 0x1000000056785678L, 0x2000000087658765L),
                vhba("scsi_host11", "scsi_host1", 0x2000000034563456L, 0x1000000034563456L, 0x2000000043214321L));

        assertThat(Audit.of(devices)).isEmpty();
    }

    @Test
    void aWwpnOnTwoHostsIsOneFindingNamingBothDevicesByHostThenName() {
        List<HostDevice> devices = fleet(
                on("h2", liveHba("scsi_host7", 0x2001L, 0x1000000000000001L, FABRIC, 64, 0)),
                on("h1", liveHba("scsi_host3", 0x2002L, 0x1000000000000001L, FABRIC, 64, 0)));

        List<Finding> findings = Audit.of(devices);

        assertThat(findings).containsExactly(new Finding(Kind.DUPLICATE_WWPN,
                "WWPN 1000000000000001 is used by 2 fc_hosts: h1/scsi_host3, h2/scsi_host7",
                List.of(new DeviceRef("h1", "scsi_host3"), new DeviceRef("h2", "scsi_host7"))));
    }

    @Test
    void aVhbaSharingItsParentsWwpnIsADuplicateToo() {
        List<HostDevice> devices = on("h1", liveHba("scsi_host3", 0x2002L, 0x1000000000000001L, FABRIC, 64, 1),
                vhba("scsi_host30", "scsi_host3", 0x2003L, 0x1000000000000001L, FABRIC));

        assertThat(summary(Audit.of(devices))).containsExactly("duplicate_wwpn [h1/scsi_host3, h1/scsi_host30]");
    }

    @Test
    void aVhbaWhoseParentIsGoneNotVportCapableOrUnnamedIsWithoutParent() {
        List<HostDevice> devices = on("h1",
                pci("pci_0000_05_00_0"),
                scsiHost("scsi_host6"),
                vhba("scsi_host20", "scsi_host9", 0x20L, 0x10L, FABRIC),
                vhba("scsi_host21", "pci_0000_05_00_0", 0x21L, 0x11L, FABRIC),
                vhba("scsi_host22", Optional.empty(), 0x22L, 0x12L, FABRIC),
                vhba("scsi_host23", "scsi_host20", 0x23L, 0x13L, FABRIC),
                vhba("scsi_host24", "scsi_host6", 0x24L, 0x14L, FABRIC));

        List<Finding> findings = Audit.of(devices);

        assertThat(findings).extracting(Finding::message).containsExactly(
                // by device list: [pci.., 21], [6, 24], [20], [20, 23], [22]
                "vHBA h1/scsi_host21 names parent pci_0000_05_00_0, which is not vport capable (it has no fc_host)",
                "vHBA h1/scsi_host24 names parent scsi_host6, which is not vport capable (it has no fc_host)",
                "vHBA h1/scsi_host20 names parent scsi_host9, which is not a device of host h1",
                "vHBA h1/scsi_host23 names parent scsi_host20, which is not vport capable"
                        + " (an fc_host without vport_ops)",
                "vHBA h1/scsi_host22 names no parent");
        assertThat(findings).allMatch(f -> f.kind() == Kind.VHBA_WITHOUT_PARENT);
        assertThat(findings.get(3).devices()).containsExactly(new DeviceRef("h1", "scsi_host20"),
                new DeviceRef("h1", "scsi_host23"));
    }

    @Test
    void aParentNamedOnAnotherHostIsGoneIdentityIsHostAndName() {
        List<HostDevice> devices = fleet(
                on("h1", liveHba("scsi_host3", 0x2003L, 0x1003L, FABRIC, 64, 0)),
                on("h2", vhba("scsi_host30", "scsi_host3", 0x2030L, 0x1030L, FABRIC)));

        assertThat(summary(Audit.of(devices))).containsExactly("vhba_without_parent [h2/scsi_host30]");
    }

    @Test
    void aParentOverItsKnownCapacityIsAFindingAFullOneIsNot() {
        List<HostDevice> devices = on("h1",
                liveHba("scsi_host3", 0x2003L, 0x1003L, FABRIC, 1, 1),
                liveHba("scsi_host4", 0x2004L, 0x1004L, FABRIC, 1, 2),
                hba("scsi_host5", "computer", 0x2005L, 0x1005L, FABRIC),
                vhba("scsi_host30", "scsi_host3", 0x2030L, 0x1030L, FABRIC),
                vhba("scsi_host40", "scsi_host4", 0x2040L, 0x1040L, FABRIC),
                vhba("scsi_host41", "scsi_host4", 0x2041L, 0x1041L, FABRIC),
                vhba("scsi_host50", "scsi_host5", 0x2050L, 0x1050L, FABRIC));

        assertThat(Audit.of(devices)).containsExactly(new Finding(Kind.PARENT_OVER_CAPACITY,
                "parent h1/scsi_host4 has 2 vports in use, over its maximum of 1",
                List.of(new DeviceRef("h1", "scsi_host4"))));
    }

    @Test
    void aVhbaOnAnotherFabricThanItsParentIsAMismatchUnknownFabricsAreNot() {
        Device parent = liveHba("scsi_host3", 0x2003L, 0x1003L, 0xaaL, 64, 2);
        Device elsewhere = vhba("scsi_host30", "scsi_host3", 0x2030L, 0x1030L, 0xbbL);
        Device noFabric = new Device("scsi_host31", Optional.of("scsi_host3"), Optional.empty(), Optional.empty(),
                List.of(), List.of(FcHost.of(new Wwn(0x2031L), new Wwn(0x1031L), Optional.empty())));

        List<Finding> findings = Audit.of(on("h1", parent, elsewhere, noFabric));

        assertThat(findings).containsExactly(new Finding(Kind.FABRIC_MISMATCH,
                "vHBA h1/scsi_host30 is on fabric 00000000000000bb, its parent scsi_host3 on fabric 00000000000000aa",
                List.of(new DeviceRef("h1", "scsi_host3"), new DeviceRef("h1", "scsi_host30"))));
    }

    @Test
    void aVportCounterThatDisagreesWithTheVhbasNamingTheParentIsAMismatch() {
        List<HostDevice> devices = on("h1",
                liveHba("scsi_host3", 0x2003L, 0x1003L, FABRIC, 64, 3),
                liveHba("scsi_host4", 0x2004L, 0x1004L, FABRIC, 64, 2),
                hba("scsi_host5", "computer", 0x2005L, 0x1005L, FABRIC),
                vhba("scsi_host30", "scsi_host3", 0x2030L, 0x1030L, FABRIC),
                vhba("scsi_host50", "scsi_host5", 0x2050L, 0x1050L, FABRIC));

        assertThat(Audit.of(devices)).extracting(Finding::message).containsExactly(
                "parent h1/scsi_host3 reports 3 vports in use, but 1 vHBA names it: scsi_host30",
                "parent h1/scsi_host4 reports 2 vports in use, but no vHBA names it");
    }

    @Test
    void aHostListingADeviceTwiceIsRefused() {
        List<HostDevice> devices = on("h1", pci("pci_0000_05_00_0"), pci("pci_0000_05_00_0"));

        assertThatThrownBy(() -> Audit.of(devices)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host h1 lists device pci_0000_05_00_0 twice");
    }

    @Test
    void findingsAreOrderedByKindThenDevicesThenMessage() {
        List<HostDevice> devices = fleet(
                on("b", liveHba("scsi_host10", 0x2010L, 0x1010L, FABRIC, 1, 2),
                        liveHba("scsi_host2", 0x2002L, 0x1010L, FABRIC, 1, 2)),
                on("a", vhba("scsi_host9", "scsi_host1", 0x2009L, 0x1009L, FABRIC)));

        assertThat(summary(Audit.of(devices))).containsExactly(
                "duplicate_wwpn [b/scsi_host2, b/scsi_host10]",
                "vhba_without_parent [a/scsi_host9]",
                "parent_over_capacity [b/scsi_host2]",
                "parent_over_capacity [b/scsi_host10]",
                "vport_count_mismatch [b/scsi_host2]",
                "vport_count_mismatch [b/scsi_host10]");
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    /** Rule 1: the findings are a function of the devices, not of the order they are listed in. */
    @ParameterizedTest
    @MethodSource("seeds")
    void anyOrderOfTheSameDevicesGivesTheSameSortedFindings(long seed) {
        Random random = new Random(seed);
        List<HostDevice> devices = randomFleet(random);
        List<HostDevice> shuffled = new ArrayList<>(devices);
        Collections.shuffle(shuffled, random);

        List<Finding> findings = Audit.of(devices);

        assertThat(Audit.of(shuffled)).as("seed %d", seed).isEqualTo(findings);
        assertThat(findings).as("seed %d", seed).isSortedAccordingTo(Finding.ORDER);
        for (int i = 1; i < findings.size(); i++) {
            assertThat(Finding.ORDER.compare(findings.get(i - 1), findings.get(i)))
                    .as("seed %d: strictly ordered", seed).isNegative();
        }
        assertThat(VhbaAssignment.of(shuffled)).as("seed %d", seed).isEqualTo(VhbaAssignment.of(devices));
    }

    /** A few hosts of HBAs (some of unknown capacity) and vHBAs, with collisions and orphans likely. */
    private static List<HostDevice> randomFleet(Random random) {
        List<HostDevice> devices = new ArrayList<>();
        for (int host = 0; host < 1 + random.nextInt(4); host++) {
            String hostId = "host-" + host;
            int hbas = random.nextInt(4);
            for (int port = 0; port < hbas; port++) {
                long wwpn = 0x1000L + random.nextInt(12);
                long fabric = 0xf0L + random.nextInt(3);
                int max = random.nextInt(4);
                devices.add(new HostDevice(hostId, random.nextBoolean()
                        ? liveHba("scsi_host" + port, 0x2000L + port, wwpn, fabric, max, random.nextInt(5))
                        : hba("scsi_host" + port, "computer", 0x2000L + port, wwpn, fabric)));
            }
            for (int v = 0; v < random.nextInt(6); v++) {
                String parent = "scsi_host" + random.nextInt(hbas + 2);
                devices.add(new HostDevice(hostId, vhba("scsi_host" + (10 + v), parent, 0x3000L + v,
                        0x1000L + random.nextInt(24), 0xf0L + random.nextInt(3))));
            }
        }
        return devices;
    }
}
