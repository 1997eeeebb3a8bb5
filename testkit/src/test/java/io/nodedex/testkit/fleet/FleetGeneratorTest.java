package io.nodedex.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.Wwn;
import io.nodedex.device.sysfs.SysfsTree;
import io.nodedex.device.xml.TestDriverHostFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulated fleet: reproducible from its seed, realistic, and planted with what the demos need. */
class FleetGeneratorTest {

    @TempDir
    Path dir;

    static Stream<Long> seeds() {
        return LongStream.range(0, 40).boxed();
    }

    /** Fewer seeds for the specs that write files: creating thousands of sysfs entries takes a while. */
    static Stream<Long> fileSeeds() {
        return LongStream.range(0, 8).boxed();
    }

    @Test
    void theSameSeedGivesByteIdenticalFiles() throws IOException {
        FleetFiles.write(FleetGenerator.generate(7, 3), dir.resolve("a"));
        FleetFiles.write(FleetGenerator.generate(7, 3), dir.resolve("b"));

        Map<String, String> a = snapshot(dir.resolve("a"));
        assertThat(a).hasSizeGreaterThan(3 * 20);
        assertThat(snapshot(dir.resolve("b"))).isEqualTo(a);
    }

    /**
     * The files of seed 1 (3 hosts) and seed 5 (4 hosts, the all-in-one tests' fleet) are the ones
     * the generator has always written: the SHA-256 of every path and content (a symlink as its
     * target), in path order. A change to the generator that changes a byte changes these.
     */
    @ParameterizedTest
    @CsvSource({"1, 3, 2621fcc7ab186b72fbb68104b57d093f59c2d20b1adb3149862a865b9796f063",
        "5, 4, a4828c8ad1a7487f238c3d2bf3b54f8ae2f529ff4d806897f9d0733e83557775"})
    void aSeedAlwaysWritesTheSameBytes(long seed, int hosts, String digest) throws Exception {
        Path fleet = dir.resolve("fleet");
        FleetFiles.write(FleetGenerator.generate(seed, hosts), fleet);

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, String> entry : snapshot(fleet).entrySet()) {
            String value = entry.getValue();
            if (value.startsWith("-> ")) {
                sha256.update((entry.getKey() + " " + value + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                sha256.update((entry.getKey() + "\n" + value).getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(digest);
    }

    @Test
    void anotherSeedGivesOtherFiles() throws IOException {
        FleetFiles.write(FleetGenerator.generate(7, 2), dir.resolve("a"));
        FleetFiles.write(FleetGenerator.generate(8, 2), dir.resolve("b"));

        Map<String, String> a = snapshot(dir.resolve("a"));
        Map<String, String> b = snapshot(dir.resolve("b"));
        assertThat(b.get("hv01.xml")).isNotEqualTo(a.get("hv01.xml"));
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void writingAgainReplacesWhatWasThere() throws IOException {
        FleetFiles.write(FleetGenerator.generate(1, 3), dir.resolve("reused"));
        FleetFiles.write(FleetGenerator.generate(2, 2), dir.resolve("reused"));
        FleetFiles.write(FleetGenerator.generate(2, 2), dir.resolve("fresh"));

        assertThat(snapshot(dir.resolve("reused"))).isEqualTo(snapshot(dir.resolve("fresh")));
    }

    @Test
    void aCompletedWriteRecordsTheSeedAndSize() {
        Path fleet = dir.resolve("fleet");
        assertThat(FleetFiles.origin(fleet)).isEmpty();

        FleetFiles.write(FleetGenerator.generate(42, 3), fleet);

        assertThat(FleetFiles.origin(fleet)).contains(new FleetFiles.Origin(42, 3));
    }

    @Test
    void hostIdsAreZeroPaddedSoTheySortAsNumbers() {
        assertThat(FleetGenerator.generate(1, 3).hosts()).extracting(SimulatedHost::id)
                .containsExactly("hv01", "hv02", "hv03");
        List<String> ids = FleetGenerator.generate(1, 120).hosts().stream().map(SimulatedHost::id).toList();
        assertThat(ids).startsWith("hv001").endsWith("hv120").isSorted();
    }

    @Test
    void aFleetHasAtLeastTwoHosts() {
        assertThatThrownBy(() -> FleetGenerator.generate(1, 1)).hasMessageContaining("2 to 500 hosts, not 1");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyHostIsARealisticHypervisor(long seed) {
        Fleet fleet = FleetGenerator.generate(seed, 12);

        for (SimulatedHost host : fleet.hosts()) {
            String where = "seed " + seed + ", " + host.id();
            assertThat(host.ports()).as(where).hasSizeBetween(2, 4);
            assertThat(host.ports().stream().map(PhysicalPort::fabric).distinct().count()).as(where).isBetween(2L, 3L);
            assertThat(host.ports()).as(where).extracting(PhysicalPort::wwpn).isSortedAccordingTo(Wwn::compareTo);
            assertThat(host.ports()).as(where + ": an online port with room")
                    .anyMatch(port -> port.online() && port.vportsInUse() < port.maxVports());
            for (VirtualPort vhba : host.vhbas()) {
                PhysicalPort parent = host.port(vhba.parentScsiHost());
                assertThat(vhba.fabric()).as("%s %s", where, vhba.name()).isEqualTo(parent.fabric());
                assertThat(parent.online()).as("%s %s", where, vhba.name()).isTrue();
            }
            for (PhysicalPort port : host.ports()) {
                int surplus = fleet.showcase().miscountedParent().equals(host.id() + "/" + port.name()) ? 1 : 0;
                assertThat(port.vportsInUse()).as("%s %s", where, port.name())
                        .isEqualTo(host.vhbasOf(port).size() + surplus);
                assertThat(host.vhbasOf(port).size()).as("%s %s", where, port.name())
                        .isLessThanOrEqualTo(port.maxVports());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theOnlySharedWwpnIsThePlantedDuplicate(long seed) {
        Fleet fleet = FleetGenerator.generate(seed, 12);

        Map<Wwn, List<String>> users = new TreeMap<>();
        for (SimulatedHost host : fleet.hosts()) {
            host.ports().forEach(port -> users.computeIfAbsent(port.wwpn(), w -> new ArrayList<>()).add(host.id()));
            host.vhbas().forEach(vhba -> users.computeIfAbsent(vhba.wwpn(), w -> new ArrayList<>()).add(host.id()));
        }
        Map<Wwn, List<String>> shared = users.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(shared).as("seed %d", seed)
                .containsExactly(Map.entry(fleet.showcase().duplicateWwpn(), List.of("hv01", "hv12")));
        assertThat(fleet.showcase().duplicateHosts()).as("seed %d", seed).containsExactly("hv01", "hv12");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theShowcaseHostTellsTheNpivStory(long seed) {
        Fleet fleet = FleetGenerator.generate(seed, 2);
        Showcase showcase = fleet.showcase();
        SimulatedHost host = fleet.hosts().get(0);

        List<PhysicalPort> onFabric = host.ports().stream()
                .filter(port -> port.fabric().equals(showcase.fabric())).toList();
        assertThat(onFabric).as("seed %d", seed).hasSize(3);
        assertThat(onFabric.get(0).online()).as("seed %d: lowest WWPN is Linkdown", seed).isFalse();
        assertThat(onFabric.get(1).name()).as("seed %d", seed).isEqualTo(showcase.lowestWwpnParent());
        assertThat(onFabric.get(2).name()).as("seed %d", seed).isEqualTo(showcase.mostFreeParent());
        assertThat(onFabric.get(2).maxVports() - onFabric.get(2).vportsInUse()).as("seed %d", seed)
                .isGreaterThan(onFabric.get(1).maxVports() - onFabric.get(1).vportsInUse());
        List<PhysicalPort> onFullFabric = host.ports().stream()
                .filter(port -> port.fabric().equals(showcase.fullFabric())).toList();
        assertThat(onFullFabric).as("seed %d", seed).singleElement()
                .satisfies(port -> assertThat(port.vportsInUse()).isEqualTo(port.maxVports()));
        assertThat(host.vhbas()).as("seed %d", seed).extracting(VirtualPort::name).contains(showcase.vhba());
    }

    @ParameterizedTest
    @MethodSource("fileSeeds")
    void libvirtsViewAndTheKernelsViewDescribeTheSameScsiHosts(long seed) {
        Fleet fleet = FleetGenerator.generate(seed, 2);
        FleetFiles files = FleetFiles.write(fleet, dir.resolve("fleet-" + seed));

        for (SimulatedHost host : fleet.hosts()) {
            Map<String, Device> libvirt = byName(TestDriverHostFile.read(files.hostFile(host.id())));
            List<Device> kernel = SysfsTree.read(files.sysfsRoot(host.id()));
            assertThat(kernel).as("seed %d %s", seed, host.id())
                    .hasSize(1 + host.ports().size() + host.vhbas().size());
            for (Device live : kernel) {
                String where = "seed " + seed + " " + host.id() + " " + live.name();
                Device described = libvirt.get(live.name());
                assertThat(described).as(where).isNotNull();
                assertThat(described.parent()).as(where).isEqualTo(live.parent());
                assertThat(described.parent().map(libvirt::containsKey)).as(where).contains(true);
                assertThat(described.sysfsPath()).as(where).isEqualTo(live.sysfsPath());
                assertThat(described.isVportCapable()).as(where).isEqualTo(live.isVportCapable());
                assertThat(described.vportOps()).as(where).isEqualTo(live.vportOps());
                Optional<FcHost> fc = live.fcHost();
                if (fc.isPresent() && fc.get().portState().orElseThrow().equals("Online")) {
                    assertThat(described.fcHost().orElseThrow().fabricWwn()).as(where).isEqualTo(fc.get().fabricWwn());
                }
                assertThat(described.fcHost().map(FcHost::wwpn)).as(where).isEqualTo(fc.map(FcHost::wwpn));
            }
        }
    }

    @Test
    void aLinkdownPortReportsTheKernelsUnknownFabricWhileLibvirtKeepsTheCabledOne() {
        Fleet fleet = FleetGenerator.generate(3, 2);
        FleetFiles files = FleetFiles.write(fleet, dir.resolve("fleet"));
        PhysicalPort down = fleet.hosts().get(0).ports().get(0);

        Device live = byName(SysfsTree.read(files.sysfsRoot("hv01"))).get(down.name());
        Device described = byName(TestDriverHostFile.read(files.hostFile("hv01"))).get(down.name());

        assertThat(live.fcHost().orElseThrow().portState()).contains("Linkdown");
        assertThat(live.fcHost().orElseThrow().fabricWwn()).contains(Wwn.parse("ffffffffffffffff"));
        assertThat(described.fcHost().orElseThrow().fabricWwn()).contains(fleet.showcase().fabric());
    }

    private static Map<String, Device> byName(List<Device> devices) {
        Map<String, Device> byName = new HashMap<>();
        devices.forEach(device -> byName.put(device.name(), device));
        return byName;
    }

    /** Every file and symlink under {@code root}, by relative path: contents, or "-> target". */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.toList()) {
                String relative = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    entries.put(relative, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path)) {
                    entries.put(relative, Files.readString(path));
                }
            }
        }
        return entries;
    }
}
