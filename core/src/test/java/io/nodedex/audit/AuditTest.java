package io.nodedex.audit;

import static io.nodedex.npiv.FcDevices.fcHost;
import static io.nodedex.npiv.FcDevices.pci;
import static io.nodedex.npiv.FcDevices.scsiHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.audit.Finding.Kind;
import io.nodedex.device.Device;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditTest {

    private static final long FABRIC = 0x100000051e9a0b01L;

    private static Map<String, List<Device>> on(String host, Device... devices) {
        return Map.of(host, List.of(devices));
    }

    @SafeVarargs
    private static Map<String, List<Device>> fleet(Map<String, List<Device>>... hosts) {
        Map<String, List<Device>> fleet = new LinkedHashMap<>();
        Stream.of(hosts).forEach(fleet::putAll);
        return fleet;
    }

    /** A vport-capable HBA as libvirt's XML has it: no port state, vport counts 0 (capacity unknown). */
    private static Device hba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return fcHost(name).parent(parent).wwns(wwnn, wwpn).fabric(fabric).vports(0, 0).build();
    }

    /** The same HBA as sysfs has it: Online, with live vport counts. */
    private static Device liveHba(String name, long wwnn, long wwpn, long fabric, int maxVports, int vports) {
        return fcHost(name).parent("pci_0000_05_00_0").wwns(wwnn, wwpn).fabric(fabric).online()
                .vports(vports, maxVports).build();
    }

    /** A vHBA: an fc_host without vport_ops, naming {@code parent}. */
    private static Device vhba(String name, String parent, long wwnn, long wwpn, long fabric) {
        return fcHost(name).parent(parent).wwns(wwnn, wwpn).fabric(fabric).build();
    }

    private static List<String> summary(List<Finding> findings) {
        return findings.stream().map(f -> f.kind().wireName() + " " + f.devices()).toList();
    }

    @Test
    void libvirtsDefaultHostHasNoFindingsItsCapacitiesAreUnknown() {
        Map<String, List<Device>> devices = on("h1",
                hba("scsi_host1", "computer", 0x2000000012341234L, 0x1000000012341234L, 0x2000000043214321L),
                hba("scsi_host2", "computer", 0x2000000056785678L, 0x1000000056785678L, 0x2000000087658765L),
                vhba("scsi_host11", "scsi_host1", 0x2000000034563456L, 0x1000000034563456L, 0x2000000043214321L));

        assertThat(Audit.of(devices)).isEmpty();
    }

    @Test
    void aWwpnOnTwoHostsIsOneFindingNamingBothDevicesByHostThenName() {
        Map<String, List<Device>> devices = fleet(
                on("h2", liveHba("scsi_host7", 0x2001L, 0x1000000000000001L, FABRIC, 64, 0)),
                on("h1", liveHba("scsi_host3", 0x2002L, 0x1000000000000001L, FABRIC, 64, 0)));

        List<Finding> findings = Audit.of(devices);

        assertThat(findings).containsExactly(new Finding(Kind.DUPLICATE_WWPN,
                "WWPN 1000000000000001 is used by 2 fc_hosts: h1/scsi_host3, h2/scsi_host7",
                List.of(new DeviceRef("h1", "scsi_host3"), new DeviceRef("h2", "scsi_host7"))));
    }

    @Test
    void aVhbaSharingItsParentsWwpnIsADuplicateToo() {
        Map<String, List<Device>> devices = on("h1",
                liveHba("scsi_host3", 0x2002L, 0x1000000000000001L, FABRIC, 64, 1),
                vhba("scsi_host30", "scsi_host3", 0x2003L, 0x1000000000000001L, FABRIC));

        assertThat(summary(Audit.of(devices))).containsExactly("duplicate_wwpn [h1/scsi_host3, h1/scsi_host30]");
    }

    @Test
    void aVhbaWhoseParentIsGoneNotVportCapableOrUnnamedIsWithoutParent() {
        Map<String, List<Device>> devices = on("h1",
                pci("pci_0000_05_00_0"),
                scsiHost("scsi_host6"),
                vhba("scsi_host20", "scsi_host9", 0x20L, 0x10L, FABRIC),
                vhba("scsi_host21", "pci_0000_05_00_0", 0x21L, 0x11L, FABRIC),
                fcHost("scsi_host22").wwns(0x22L, 0x12L).fabric(FABRIC).build(),
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
        Map<String, List<Device>> devices = fleet(
                on("h1", liveHba("scsi_host3", 0x2003L, 0x1003L, FABRIC, 64, 0)),
                on("h2", vhba("scsi_host30", "scsi_host3", 0x2030L, 0x1030L, FABRIC)));

        assertThat(summary(Audit.of(devices))).containsExactly("vhba_without_parent [h2/scsi_host30]");
    }

    @Test
    void aParentOverItsKnownCapacityIsAFindingAFullOneIsNot() {
        Map<String, List<Device>> devices = on("h1",
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
        Device noFabric = fcHost("scsi_host31").parent("scsi_host3").wwns(0x2031L, 0x1031L).build();

        List<Finding> findings = Audit.of(on("h1", parent, elsewhere, noFabric));

        assertThat(findings).containsExactly(new Finding(Kind.FABRIC_MISMATCH,
                "vHBA h1/scsi_host30 is on fabric 00000000000000bb, its parent scsi_host3 on fabric 00000000000000aa",
                List.of(new DeviceRef("h1", "scsi_host3"), new DeviceRef("h1", "scsi_host30"))));
    }

    @Test
    void aVportCounterThatDisagreesWithTheVhbasNamingTheParentIsAMismatch() {
        Map<String, List<Device>> devices = on("h1",
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
        Map<String, List<Device>> devices = on("h1", pci("pci_0000_05_00_0"), pci("pci_0000_05_00_0"));

        assertThatThrownBy(() -> Audit.of(devices)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host h1 lists device pci_0000_05_00_0 twice");
    }

    @Test
    void findingsAreOrderedByKindThenDevicesThenMessage() {
        Map<String, List<Device>> devices = fleet(
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
        Map<String, List<Device>> devices = randomFleet(random);
        Map<String, List<Device>> shuffled = shuffled(devices, random);

        List<Finding> findings = Audit.of(devices);

        assertThat(Audit.of(shuffled)).as("seed %d", seed).isEqualTo(findings);
        assertThat(findings).as("seed %d", seed).isSortedAccordingTo(Finding.ORDER);
        for (int i = 1; i < findings.size(); i++) {
            assertThat(Finding.ORDER.compare(findings.get(i - 1), findings.get(i)))
                    .as("seed %d: strictly ordered", seed).isNegative();
        }
        assertThat(VhbaAssignment.of(shuffled)).as("seed %d", seed).isEqualTo(VhbaAssignment.of(devices));
    }

    @Test
    void oneHostsFindingsAreEveryKindButDuplicateWwpnsWhichOneWwpnGivesOnItsOwn() {
        List<Device> h1 = List.of(liveHba("scsi_host2", 0x2002L, 0x1010L, FABRIC, 1, 2),
                liveHba("scsi_host3", 0x2003L, 0x1010L, FABRIC, 8, 0));

        assertThat(summary(Audit.ofHost("h1", h1))).containsExactly(
                "parent_over_capacity [h1/scsi_host2]",
                "vport_count_mismatch [h1/scsi_host2]");
        assertThat(Audit.duplicateWwpn(new Wwn(0x1010L),
                List.of(new DeviceRef("h2", "scsi_host1"), new DeviceRef("h1", "scsi_host3"))))
                .contains(new Finding(Kind.DUPLICATE_WWPN, "WWPN 0000000000001010 is used by 2 fc_hosts:"
                        + " h1/scsi_host3, h2/scsi_host1",
                        List.of(new DeviceRef("h1", "scsi_host3"), new DeviceRef("h2", "scsi_host1"))));
        assertThat(Audit.duplicateWwpn(new Wwn(0x1010L), List.of(new DeviceRef("h1", "scsi_host3")))).isEmpty();
    }

    /**
     * What the indexer relies on: the fleet's findings are each host's plus each WWPN's duplicates,
     * and a host's findings need only its vHBAs, its vport-capable devices and the devices its
     * vHBAs name.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void theFleetsFindingsAreEachHostsAndEachWwpnsAndAHostNeedsOnlyItsVhbasParentsAndNamedDevices(long seed) {
        Random random = new Random(seed);
        Map<String, List<Device>> fleet = randomFleet(random);
        fleet.replaceAll((host, devices) -> {
            List<Device> more = new ArrayList<>(devices);
            more.add(pci("pci_0000_05_00_0"));
            more.add(scsiHost("scsi_host40"));
            return more;
        });

        List<Finding> parts = new ArrayList<>();
        Map<Wwn, List<DeviceRef>> users = new HashMap<>();
        fleet.forEach((host, devices) -> {
            parts.addAll(Audit.ofHost(host, devices));
            assertThat(Audit.ofHost(host, devices)).noneMatch(finding -> finding.kind() == Kind.DUPLICATE_WWPN);
            Set<String> named = new HashSet<>();
            devices.stream().filter(Device::isVhba).forEach(vhba -> vhba.parent().ifPresent(named::add));
            assertThat(Audit.ofHost(host, devices.stream()
                    .filter(d -> d.isVhba() || d.isVportCapable() || named.contains(d.name())).toList()))
                    .as("seed %d, host %s", seed, host).isEqualTo(Audit.ofHost(host, devices));
            devices.forEach(device -> device.fcHost().ifPresent(fc ->
                    users.computeIfAbsent(fc.wwpn(), w -> new ArrayList<>()).add(new DeviceRef(host, device.name()))));
        });
        users.forEach((wwpn, refs) -> Audit.duplicateWwpn(wwpn, refs).ifPresent(parts::add));
        parts.sort(Finding.ORDER);

        assertThat(Audit.of(fleet)).as("seed %d", seed).isEqualTo(parts);
    }

    /**
     * What the indexer relies on to recompute only what a change touches: a host's findings are
     * the union of its families' (a parent name, the device of that name, the vHBAs naming it),
     * whichever device of a family is a vHBA itself.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void aHostsFindingsAreItsFamiliesFindings(long seed) {
        Random random = new Random(seed);
        randomFleet(random).forEach((host, devices) -> {
            List<Device> more = new ArrayList<>(devices);
            more.add(pci("pci_0000_05_00_0"));
            more.add(fcHost("scsi_host30").wwns(0x30L, 0x31L).build()); // names no parent
            more.add(vhba("scsi_host31", "scsi_host10", 0x32L, 0x33L, 0xf0L)); // its parent is a vHBA
            more.add(vhba("scsi_host32", "pci_0000_05_00_0", 0x34L, 0x35L, 0xf0L));
            Map<Optional<String>, List<Device>> families = new HashMap<>();
            more.stream().filter(Device::isVhba)
                    .forEach(vhba -> families.computeIfAbsent(vhba.parent(), p -> new ArrayList<>()).add(vhba));
            more.stream().filter(Device::isVportCapable)
                    .forEach(hba -> families.computeIfAbsent(Optional.of(hba.name()), p -> new ArrayList<>()));
            List<Finding> union = new ArrayList<>();
            families.forEach((name, vhbas) -> {
                Optional<Device> parent = name.flatMap(n -> more.stream()
                        .filter(d -> d.name().equals(n)).findFirst());
                List<Device> shuffled = new ArrayList<>(vhbas);
                Collections.shuffle(shuffled, random);
                union.addAll(Audit.ofFamily(host, parent, name, shuffled));
            });
            union.sort(Finding.ORDER);

            assertThat(union).as("seed %d, host %s", seed, host).isEqualTo(Audit.ofHost(host, more));
        });
    }

    @Test
    void aFamilyIsRefusedWhenItsDevicesDoNotNameItsParent() {
        Device hba = liveHba("scsi_host1", 0x20L, 0x10L, FABRIC, 4, 1);
        Device child = vhba("scsi_host11", "scsi_host1", 0x21L, 0x11L, FABRIC);

        assertThat(Audit.ofFamily("h1", Optional.of(hba), Optional.of("scsi_host1"),
                List.of(child))).isEmpty();
        assertThatThrownBy(() -> Audit.ofFamily("h1", Optional.of(hba),
                Optional.of("scsi_host2"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h1/scsi_host1 is not the family's parent scsi_host2");
        assertThatThrownBy(() -> Audit.ofFamily("h1", Optional.empty(),
                Optional.of("scsi_host2"), List.of(child)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h1/scsi_host11 is not a vHBA naming the family's parent scsi_host2");
        assertThatThrownBy(() -> Audit.ofFamily("h1", Optional.empty(),
                Optional.of("scsi_host9"), List.of(hba)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h1/scsi_host1 is not a vHBA");
    }

    /** A few hosts of HBAs (some of unknown capacity) and vHBAs, with collisions and orphans likely. */
    private static Map<String, List<Device>> randomFleet(Random random) {
        Map<String, List<Device>> fleet = new LinkedHashMap<>();
        for (int host = 0; host < 1 + random.nextInt(4); host++) {
            List<Device> devices = new ArrayList<>();
            int hbas = random.nextInt(4);
            for (int port = 0; port < hbas; port++) {
                long wwpn = 0x1000L + random.nextInt(12);
                long fabric = 0xf0L + random.nextInt(3);
                int max = random.nextInt(4);
                devices.add(random.nextBoolean()
                        ? liveHba("scsi_host" + port, 0x2000L + port, wwpn, fabric, max, random.nextInt(5))
                        : hba("scsi_host" + port, "computer", 0x2000L + port, wwpn, fabric));
            }
            for (int v = 0; v < random.nextInt(6); v++) {
                String parent = "scsi_host" + random.nextInt(hbas + 2);
                devices.add(vhba("scsi_host" + (10 + v), parent, 0x3000L + v,
                        0x1000L + random.nextInt(24), 0xf0L + random.nextInt(3)));
            }
            fleet.put("host-" + host, devices);
        }
        return fleet;
    }

    /** The same hosts and devices, the hosts and each host's devices in another order. */
    private static Map<String, List<Device>> shuffled(Map<String, List<Device>> fleet, Random random) {
        List<String> hosts = new ArrayList<>(fleet.keySet());
        Collections.shuffle(hosts, random);
        Map<String, List<Device>> shuffled = new LinkedHashMap<>();
        for (String host : hosts) {
            List<Device> devices = new ArrayList<>(fleet.get(host));
            Collections.shuffle(devices, random);
            shuffled.put(host, devices);
        }
        return shuffled;
    }
}
