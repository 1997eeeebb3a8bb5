package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.device.Wwn;
import io.nodedex.api.QueryServerConfig;
import io.nodedex.api.Replica;
import io.nodedex.event.kafka.ClientProperties;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.testkit.KernelSysfs;
import io.nodedex.testkit.fleet.Fleet;
import io.nodedex.testkit.fleet.PhysicalPort;
import io.nodedex.testkit.fleet.Showcase;
import io.nodedex.testkit.fleet.SimulatedHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web page end to end, as a user sees it: a real all-in-one of its own (the scenarios edit
 * its hosts' sysfs trees; each agent reads its tree every second), and Debian's headless
 * Chromium driven by playwright-core through {@code src/test/web/e2e.mjs}, one scenario a run.
 * What each scenario expects comes from the simulated fleet's model and from this test's own
 * edits, never from the page or the API. One scenario runs against a second replica of the same
 * log whose API wants a token. The scenarios run once, in one browser (a fresh context each),
 * before the tests, which each check one scenario's result. They take screenshots (1280×800) of
 * the pages the README shows, into {@code target/screenshots}, or into the directory the system
 * property {@value #SCREENSHOTS_PROPERTY} names (relative to the project's root directory:
 * {@code -Dnodedex.screenshots=docs/screenshots} refreshes the README's).
 *
 * <p>Skipped without {@value #CHROMIUM} or {@code node}, or when {@code npm ci} has not run
 * (Maven runs it in {@code target/web-e2e} when {@code /usr/bin/npm} exists).
 */
class WebPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Where Maven copies src/test/web and runs npm ci. */
    private static final Path SCRIPTS = Path.of("target", "web-e2e");
    static final String SCREENSHOTS_PROPERTY = "nodedex.screenshots";
    /** The project's root directory: the tests run in the cli module's. */
    private static final Path ROOT = Path.of("..");
    private static final long SEED = SharedAllInOne.SEED;
    private static final int HOSTS = SharedAllInOne.HOSTS;
    private static final Duration RESCAN = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration SCENARIOS_TIMEOUT = Duration.ofSeconds(240);
    /** The scenarios of e2e.mjs, in the order they run. */
    private static final List<String> SCENARIOS = List.of("searchWwpnWithColons", "searchDuplicateWwpn", "npivParent",
            "audit", "asOfShowsTheEarlierHolder", "timelines", "token", "liveUpdate", "npivCreate");
    private static final String TOKEN = "web-page-test-token";
    /** The vHBA this test creates and moves: a WWPN no simulated host has, a host number none uses. */
    private static final Wwn MOVED_WWPN = Wwn.parse("5001a4a0e2e0beef");
    private static final Wwn MOVED_WWNN = Wwn.parse("5001a4a0e2e0bee0");
    private static final int MOVED_HOST_NUMBER = 40;
    /** The vHBA the page creates on the showcase host: WWNs no simulated host has. */
    private static final Wwn CREATED_WWPN = Wwn.parse("5001a4a0e2e0c0de");
    private static final Wwn CREATED_WWNN = Wwn.parse("5001a4a0e2e0c0d0");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path data;
    private static AllInOne stack;
    private static ApiClient api;
    /** A second replica of the stack's log, whose API wants {@link #TOKEN}. */
    private static Replica withTokens;
    /** What e2e.mjs found: per scenario, whether it passed and what it saw. */
    private static JsonNode results;
    /** Everything e2e.mjs printed. */
    private static String printed;

    @BeforeAll
    static void startTheStackMakeHistoryAndRunTheScenarios() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": the browser tests need Debian's chromium");
        assumeTrue(nodeRuns(), "no node on the PATH: the browser tests run playwright-core under Node.js");
        assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
                "no " + SCRIPTS + "/node_modules: Maven runs npm ci there when /usr/bin/npm exists");
        data = Files.createTempDirectory("nodedex-web-");
        stack = AllInOne.open(new AllInOne.Settings(data, 0, HOSTS, SEED, ClientProperties.NONE, Optional.empty(),
                Optional.empty(), IndexerConfig.DEFAULT_HISTORY_RETENTION, RESCAN));
        List<String> stages = new ArrayList<>();
        stack.start(stages::add);
        api = new ApiClient(stack.url());
        ObjectNode facts = facts();
        withTokens = replicaWithTokens(stages.get(0).replaceFirst("broker up at (\\S+) .*", "$1"), facts);
        runScenarios(facts, SCENARIOS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (withTokens != null) {
            withTokens.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (data != null) {
            try (Stream<Path> tree = Files.walk(data)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void aWwpnTypedInUpperCaseWithColonsLandsOnItsHostsPageOnThatHba() {
        assertPassed("searchWwpnWithColons");
    }

    @Test
    void aWwpnTwoHostsHoldListsBothAndOneNobodyHasSaysNotFound() {
        assertPassed("searchDuplicateWwpn");
    }

    @Test
    void theNpivFormShowsTheChosenParentAndWhyEachCandidateWasAcceptedOrRefused() {
        assertPassed("npivParent");
    }

    @Test
    void theAuditShowsThePlantedDuplicateWwpnAndFollowsTheCursorToTheNextFinding() {
        assertPassed("audit");
    }

    @Test
    void theAsOfTimeShowsTheHostThatHeldAWwpnBeforeItMoved() {
        assertPassed("asOfShowsTheEarlierHolder");
    }

    @Test
    void theTimelinesShowAWwpnsHoldersAndADevicesVersionsWithWhatChanged() {
        assertPassed("timelines");
    }

    @Test
    void aServerWithTokensHasThePageAskForOneKeepItForTheTabAndFollowTheChangesWithIt() {
        assertPassed("token");
    }

    @Test
    void aSysfsEditArrivesOnTheOpenHostPageWithoutAReload() {
        assertPassed("liveUpdate");
    }

    @Test
    void aVhbaCreatedFromTheNpivPageShowsOnItsHostUnderTheChosenParentAndGoesWhenDeleted() {
        assertPassed("npivCreate");
    }

    // ---- the facts of the fleet, and the history this test makes

    /**
     * The hosts this test edits, none of them the showcase host (the NPIV and search scenarios
     * read it) nor the one whose vport counter the audit reports: a vHBA moves {@code from} a host
     * with an Online and a Linkdown port {@code to} another with an Online port, and the live
     * scenario brings a Linkdown port of a third Online. The token scenario takes an Online port
     * no other scenario reads ({@link #tokenEdit}) Linkdown. The last scenario creates a vHBA on
     * the showcase host's chosen parent through the page, and deletes it.
     */
    private record Cast(SimulatedHost from, SimulatedHost to, SimulatedHost live) {

        static Cast of(Fleet fleet) {
            Showcase show = fleet.showcase();
            String miscounted = show.miscountedParent().substring(0, show.miscountedParent().indexOf('/'));
            List<SimulatedHost> others = fleet.hosts().stream().filter(host -> !host.id().equals(show.host())).toList();
            SimulatedHost from = others.stream().filter(host -> !host.id().equals(miscounted))
                    .filter(host -> online(host).isPresent() && linkdown(host).isPresent()).findFirst().orElseThrow();
            SimulatedHost to = others.stream().filter(host -> !host.id().equals(miscounted) && host != from)
                    .filter(host -> online(host).isPresent()).findFirst().orElseThrow();
            SimulatedHost live = others.stream().filter(host -> host != from && host != to)
                    .filter(host -> linkdown(host).isPresent()).findFirst().orElseThrow();
            return new Cast(from, to, live);
        }
    }

    /** The facts the scenarios check: the fleet as generated, and the history {@link #makeHistory} makes. */
    private static ObjectNode facts() {
        Fleet fleet = stack.fleet();
        Showcase show = fleet.showcase();
        SimulatedHost npivHost = fleet.hosts().stream().filter(host -> host.id().equals(show.host())).findFirst()
                .orElseThrow();
        ObjectNode facts = JSON.createObjectNode();
        facts.put("baseUrl", stack.url().toString());
        facts.put("chromium", CHROMIUM.toString());
        facts.put("screenshots", screenshots().toAbsolutePath().normalize().toString());

        PhysicalPort searched = npivHost.ports().stream().filter(port -> port.name().equals(show.lowestWwpnParent()))
                .findFirst().orElseThrow();
        ObjectNode search = facts.putObject("search");
        search.put("typedWithColons", colons(searched.wwpn()).toUpperCase());
        search.put("wwpn", searched.wwpn().toString());
        search.put("host", npivHost.id());
        search.put("device", searched.name());
        search.put("portState", searched.portState());

        ObjectNode duplicate = facts.putObject("duplicate");
        duplicate.put("typedWith0x", "0X" + show.duplicateWwpn().toString().toUpperCase());
        duplicate.put("wwpn", show.duplicateWwpn().toString());
        show.duplicateHosts().forEach(duplicate.putArray("hosts")::add);
        duplicate.put("nobodys", "0x1234:ABCD");
        duplicate.put("nobodysCanonical", "000000001234abcd");

        ObjectNode npiv = facts.putObject("npiv");
        npiv.put("host", show.host());
        npiv.put("fabric", show.fabric().toString());
        npiv.put("chosen", show.lowestWwpnParent());
        npiv.put("otherAccepted", show.mostFreeParent());
        npiv.put("mostFree", show.mostFreeParent());
        npiv.put("linkdown", npivHost.ports().stream().filter(port -> port.fabric().equals(show.fabric()))
                .filter(port -> !port.online()).findFirst().orElseThrow().name());
        npiv.put("elsewhere", npivHost.ports().stream().filter(port -> !port.fabric().equals(show.fabric()))
                .findFirst().orElseThrow().name());
        npiv.put("vhba", show.vhba());

        PhysicalPort parent = npivHost.ports().stream().filter(port -> port.name().equals(show.lowestWwpnParent()))
                .findFirst().orElseThrow();
        ObjectNode create = facts.putObject("create");
        create.put("baseUrl", stack.url().toString().replaceFirst("/$", ""));
        create.put("host", show.host());
        create.put("fabric", show.fabric().toString());
        create.put("parent", parent.name());
        create.put("vportsInUse", parent.vportsInUse());
        create.put("typedWwpn", "0x" + CREATED_WWPN.toString().toUpperCase());
        create.put("wwpn", CREATED_WWPN.toString());
        create.put("wwnn", CREATED_WWNN.toString());

        ObjectNode audit = facts.putObject("audit");
        audit.put("duplicateWwpn", show.duplicateWwpn().toString());
        ArrayNode devices = audit.putArray("duplicateDevices");
        fleet.hosts().forEach(host -> host.vhbas().stream().filter(vhba -> vhba.wwpn().equals(show.duplicateWwpn()))
                .forEach(vhba -> devices.add(host.id() + "/" + vhba.name())));
        audit.put("miscountedParent", show.miscountedParent());

        Cast cast = Cast.of(fleet);
        makeHistory(cast, facts);

        PhysicalPort down = linkdown(cast.live()).orElseThrow();
        putEdit(facts.putObject("live"), cast.live(), down, "Linkdown", "Online");
        HostPort tokenEdit = tokenEdit(fleet, cast);
        putEdit(facts.putObject("tokenLive"), tokenEdit.host(), tokenEdit.port(), "Online", "Linkdown");
        return facts;
    }

    /** A port of a host. */
    private record HostPort(SimulatedHost host, PhysicalPort port) {
    }

    /**
     * An Online port, not on the showcase host, that no other scenario reads or edits: neither
     * parent of the moved vHBA, the ports the history and the live scenario bring Online, nor
     * the port whose vport counter the audit reports.
     */
    private static HostPort tokenEdit(Fleet fleet, Cast cast) {
        Showcase show = fleet.showcase();
        List<String> taken = List.of(show.miscountedParent(),
                cast.from().id() + "/" + online(cast.from()).orElseThrow().name(),
                cast.from().id() + "/" + linkdown(cast.from()).orElseThrow().name(),
                cast.to().id() + "/" + online(cast.to()).orElseThrow().name(),
                cast.live().id() + "/" + linkdown(cast.live()).orElseThrow().name());
        return fleet.hosts().stream().filter(host -> !host.id().equals(show.host()))
                .flatMap(host -> host.ports().stream().filter(PhysicalPort::online)
                        .filter(port -> !taken.contains(host.id() + "/" + port.name()))
                        .map(port -> new HostPort(host, port)))
                .findFirst().orElseThrow();
    }

    /** An edit a scenario makes: the port's {@code port_state} file, what it says and what it will. */
    private static void putEdit(ObjectNode edit, SimulatedHost host, PhysicalPort port, String from, String to) {
        edit.put("host", host.id());
        edit.put("device", port.name());
        edit.put("file", portFile(host.id(), port.scsiHost(), "port_state").toString());
        edit.put("from", from);
        edit.put("to", to);
    }

    /**
     * A vHBA created on an Online port of one host, then, a moment later, moved to an Online port
     * of another, each time with its parent's vport count; and, with the move, a Linkdown port of
     * the first host brought Online. Waits for the API to show each step.
     */
    private static void makeHistory(Cast cast, ObjectNode facts) {
        SimulatedHost first = cast.from();
        SimulatedHost second = cast.to();
        PhysicalPort firstParent = online(first).orElseThrow();
        PhysicalPort secondParent = online(second).orElseThrow();
        PhysicalPort broughtOnline = linkdown(first).orElseThrow();

        createVhba(first.id(), firstParent);
        await("WWPN " + MOVED_WWPN + " on " + first.id(), () -> holders(MOVED_WWPN), first.id()::equals);
        Instant between = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        sleepUntil(between.plusMillis(200));

        removeVhba(first.id(), firstParent);
        createVhba(second.id(), secondParent);
        write(portFile(first.id(), broughtOnline.scsiHost(), "port_state"), "Online\n");
        await("WWPN " + MOVED_WWPN + " on " + second.id() + " only", () -> holders(MOVED_WWPN), second.id()::equals);
        await(first.id() + "/" + broughtOnline.name() + " Online", () -> api.get(List.of("v1", "hosts", first.id(),
                "devices", broughtOnline.name()), Map.of()).body().findPath("portState").asText(), "Online"::equals);

        ObjectNode moved = facts.putObject("moved");
        moved.put("wwpn", MOVED_WWPN.toString());
        moved.put("asOf", between.toString());
        moved.putObject("earlier").put("host", first.id()).put("device", "scsi_host" + MOVED_HOST_NUMBER)
                .put("fabric", firstParent.fabric().toString()).put("parent", firstParent.name());
        moved.putObject("later").put("host", second.id()).put("device", "scsi_host" + MOVED_HOST_NUMBER);
        ObjectNode changed = facts.putObject("changed");
        changed.put("host", first.id());
        changed.put("device", broughtOnline.name());
        changed.put("from", "Linkdown");
        changed.put("to", "Online");
    }

    private static Optional<PhysicalPort> online(SimulatedHost host) {
        return host.ports().stream().filter(PhysicalPort::online).findFirst();
    }

    private static Optional<PhysicalPort> linkdown(SimulatedHost host) {
        return host.ports().stream().filter(port -> !port.online()).findFirst();
    }

    /** The kernel's view of a vHBA created on {@code parent}: its tree, and one more vport in use. */
    private static void createVhba(String hostId, PhysicalPort parent) {
        Path root = stack.files().sysfsRoot(hostId);
        String vhba = parentDirectory(root, parent) + "/vport-" + parent.scsiHost() + ":0-" + MOVED_HOST_NUMBER
                + "/host" + MOVED_HOST_NUMBER;
        new KernelSysfs(root).vhba(MOVED_HOST_NUMBER, vhba, parent.model().driver(), MOVED_WWNN, MOVED_WWPN,
                parent.fabric(), "Online", parent.speed());
        addVports(hostId, parent, 1);
    }

    /** The vHBA gone from {@code parent}: its class entries and its vport directory, one vport less in use. */
    private static void removeVhba(String hostId, PhysicalPort parent) {
        Path root = stack.files().sysfsRoot(hostId);
        delete(root.resolve("class/fc_host/host" + MOVED_HOST_NUMBER));
        delete(root.resolve("class/scsi_host/host" + MOVED_HOST_NUMBER));
        delete(root.resolve(parentDirectory(root, parent) + "/vport-" + parent.scsiHost() + ":0-" + MOVED_HOST_NUMBER));
        addVports(hostId, parent, -1);
    }

    private static void addVports(String hostId, PhysicalPort parent, int more) {
        Path inUse = portFile(hostId, parent.scsiHost(), "npiv_vports_inuse");
        try {
            int now = Integer.parseInt(Files.readString(inUse).strip());
            write(inUse, (now + more) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port's device directory, relative to the root: where its {@code class/fc_host} entry leads. */
    private static String parentDirectory(Path root, PhysicalPort parent) {
        try {
            Path attributes = root.resolve("class/fc_host/host" + parent.scsiHost()).toRealPath();
            return root.toRealPath().relativize(attributes.getParent().getParent()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path portFile(String hostId, int scsiHost, String attribute) {
        return stack.files().sysfsRoot(hostId).resolve("class/fc_host/host" + scsiHost).resolve(attribute);
    }

    /** The hosts holding {@code wwpn} now, joined with commas; empty when none. */
    private static String holders(Wwn wwpn) {
        ApiClient.Answer answer = api.get(List.of("v1", "wwpn", wwpn.toString()), Map.of());
        if (answer.status() != 200) {
            return "";
        }
        List<String> hosts = new ArrayList<>();
        answer.body().path("matches").forEach(match -> hosts.add(match.path("host").asText()));
        return String.join(",", hosts);
    }

    /** Reads until {@code done} holds; fails after {@link #DEADLINE}, saying what was seen last. */
    private static <T> void await(String what, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        T seen = read.get();
        while (!done.test(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + DEADLINE.toSeconds() + " s; last seen: " + seen);
            }
            sleepUntil(Instant.now().plusMillis(100));
            seen = read.get();
        }
    }

    // ---- running a scenario

    /**
     * A replica of the stack's log whose API wants a token (a read token in its file); adds the
     * token scenario's facts: its address, the token, and the hosts it must list.
     */
    private static Replica replicaWithTokens(String broker, ObjectNode facts) throws IOException {
        Path tokens = Files.writeString(data.resolve("tokens"), sha256(TOKEN) + " read web-page-test\n");
        Replica replica = Replica.start(IndexerConfig.of(broker, data.resolve("replica-with-tokens")),
                QueryServerConfig.of(new InetSocketAddress(AllInOne.HOST, 0)).withSocketActivation(false)
                        .withTokens(Optional.of(tokens)));
        String url = "http://" + AllInOne.HOST + ":" + replica.server().address().getPort();
        await("the replica with tokens to be ready", () -> new ApiClient(URI.create(url)).get(List.of("readyz"),
                Map.of()).status(), status -> status == 200);
        ObjectNode token = facts.putObject("token");
        token.put("baseUrl", url);
        token.put("token", TOKEN);
        ArrayNode hosts = token.putArray("hosts");
        stack.fleet().hosts().forEach(host -> hosts.add(host.id()));
        return replica;
    }

    /** Runs the scenarios in one browser; keeps what each found and everything node printed. */
    private static void runScenarios(ObjectNode facts, List<String> scenarios) throws IOException {
        Path factsFile = Files.writeString(data.resolve("facts.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(facts));
        Path resultsFile = data.resolve("results.json");
        Path log = data.resolve("e2e.log");
        List<String> command = new ArrayList<>(List.of("node", "e2e.mjs", factsFile.toAbsolutePath().toString(),
                resultsFile.toAbsolutePath().toString()));
        command.addAll(scenarios);
        Process node = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!node.waitFor(SCENARIOS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        printed = Files.readString(log);
        results = Files.exists(resultsFile) ? JSON.readTree(resultsFile.toFile()) : JSON.createObjectNode();
    }

    /** Fails with what the scenario saw unless it passed. */
    private static void assertPassed(String scenario) {
        JsonNode result = results.path(scenario);
        assertThat(result.path("passed").asBoolean()).as("the scenario %s in Chromium:%n%s", scenario,
                result.isMissingNode() ? "no result; e2e.mjs printed:\n" + printed : result.path("output").asText())
                .isTrue();
    }

    /** Where the screenshots go: {@value #SCREENSHOTS_PROPERTY}, else {@code target/screenshots}. */
    private static Path screenshots() {
        String asked = System.getProperty(SCREENSHOTS_PROPERTY, "").strip();
        return asked.isEmpty() ? Path.of("target", "screenshots") : ROOT.resolve(asked);
    }

    private static boolean nodeRuns() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- small helpers

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** 10:00:00:90:fa:92:df:c4: a WWN as switches print it. */
    private static String colons(Wwn wwn) {
        return String.join(":", wwn.toString().split("(?<=\\G..)"));
    }

    /** Replaces a file's content at once (an agent rescanning meanwhile sees the old or the new). */
    private static void write(Path file, String text) {
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), text);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepUntil(Instant then) {
        long millis = Duration.between(Instant.now(), then).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
