package io.nodedex.testkit.fleet;

import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Generates a fleet of hypervisors from a seed: the same seed and size always give the same
 * fleet, down to every WWN (a {@link Random} seeded once, drawn from in a fixed order).
 *
 * <p>Every host has a chassis (machine, NIC, SATA disk) and 2 to 4 physical Emulex or QLogic FC
 * ports on 2 or 3 of the datacenter's 3 fabrics (two Brocade, one Cisco), on dual-port cards.
 * Ports are mostly {@code Online} with the firmware's vport limit and 0 to 3 vHBAs; some are
 * {@code Linkdown} (no vHBAs), some are NPIV-limited (4 or 8 vports) and near or at capacity.
 * vHBAs sit on their parent's fabric, and every port's vport counter equals its vHBAs, except
 * where {@link Showcase} says otherwise. WWNs are unique fleet-wide, except the planted duplicate.
 *
 * <p>Planted whatever the seed (see {@link Showcase}): the first host's NPIV story (a Linkdown
 * lowest-WWPN port, a full port, two usable ones), a vport counter one too high on the second
 * host, and a vHBA of the first host whose WWNs were copied onto a vHBA of the last host.
 */
public final class FleetGenerator {

    /** The fewest hosts a fleet has: the planted duplicate needs two. */
    public static final int MIN_HOSTS = 2;
    /** The most hosts a fleet has: each runs a real agent in one process. */
    public static final int MAX_HOSTS = 500;

    /** Fabric WWNs: Brocade {@code 10:00:00:05:1e}, Brocade {@code 10:00:00:27:f8}, Cisco {@code 20:01:00:0d:ec}. */
    private static final long[] FABRIC_PREFIXES = {0x1000_0005_1e00_0000L, 0x1000_0027_f800_0000L,
        0x2001_000d_ec00_0000L};
    /** libvirt's generated vHBA WWNs: {@code 5001a4a} and 9 random hex digits. */
    private static final long VHBA_PREFIX = 0x5001_a4a0_0000_0000L;
    private static final long VHBA_RANDOM_BITS = 0xf_ffff_ffffL;
    private static final int SERIAL_BITS = 0xff_ffff;
    /** The {@code max_npiv_vports} of a port whose NPIV is limited. */
    private static final int[] LIMITED_MAX_VPORTS = {4, 8};
    private static final int PORTS_PER_CARD = 2;
    private static final String[][] SERVERS = {{"Dell Inc.", "PowerEdge R750"},
        {"HPE", "ProLiant DL380 Gen10 Plus"}};
    private static final String SERIAL_CHARACTERS = "0123456789BCDFGHJKLMNPQRSTVWXYZ";
    /** Intel's OUI, for the NIC. */
    private static final long NIC_OUI = 0xb4_96_91L << 24;

    /** Indexes of the showcase host's ports (in WWPN order) that the default and most-free policies choose. */
    private static final int SHOWCASE_LOWEST_WWPN_PORT = 2;
    private static final int SHOWCASE_MOST_FREE_PORT = 3;

    private final Random random;
    private final Set<Long> usedWwns = new HashSet<>();

    private FleetGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * The fleet of {@code hosts} hosts ({@code hv01} ...) for {@code seed}.
     *
     * @throws IllegalArgumentException when {@code hosts} is outside {@value #MIN_HOSTS} to
     *     {@value #MAX_HOSTS}
     */
    public static Fleet generate(long seed, int hosts) {
        if (hosts < MIN_HOSTS || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("a fleet has " + MIN_HOSTS + " to " + MAX_HOSTS + " hosts, not "
                    + hosts);
        }
        return new FleetGenerator(seed).fleet(seed, hosts);
    }

    private Fleet fleet(long seed, int hostCount) {
        List<Wwn> fabrics = new ArrayList<>();
        for (long prefix : FABRIC_PREFIXES) {
            fabrics.add(new Wwn(unique(() -> prefix | random.nextInt(SERIAL_BITS + 1))));
        }
        int width = Math.max(2, Integer.toString(hostCount).length());
        List<HostDraft> drafts = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            String id = "hv" + "0".repeat(width - Integer.toString(i + 1).length()) + (i + 1);
            Chassis chassis = chassis();
            HbaModel model = i == 0 ? HbaModel.EMULEX_LPE16002
                    : HbaModel.values()[random.nextInt(HbaModel.values().length)];
            drafts.add(draft(id, chassis, model, i == 0 ? showcasePlans(model) : randomPlans(model), fabrics));
        }
        HostDraft first = drafts.get(0);
        HostDraft miscounted = drafts.get(1);
        miscounted.counterSurplus[0] = 1;
        HostDraft last = drafts.get(hostCount - 1);
        VirtualPort original = first.vhbasOf(SHOWCASE_LOWEST_WWPN_PORT).get(0);
        last.addCopy(original);
        Showcase showcase = new Showcase(first.id, fabrics.get(0), first.ports.get(SHOWCASE_LOWEST_WWPN_PORT).name(),
                first.ports.get(SHOWCASE_MOST_FREE_PORT).name(), fabrics.get(1), first.vhbas.get(0).name(),
                original.wwpn(), List.of(first.id, last.id), miscounted.id + "/" + miscounted.ports.get(0).name());
        return new Fleet(seed, drafts.stream().map(HostDraft::build).toList(), fabrics, showcase);
    }

    /** What one port will be: its fabric (index), link, vport limit and number of vHBAs. */
    private record PortPlan(int fabric, boolean online, int maxVports, int vhbas) {
    }

    private static List<PortPlan> showcasePlans(HbaModel model) {
        int max = model.defaultMaxVports();
        return List.of(new PortPlan(0, false, max, 0), // lowest WWPN on fabric 0, but Linkdown
                new PortPlan(1, true, 8, 8), // the only port on fabric 1: full
                new PortPlan(0, true, max, 2), // lowest WWPN that qualifies on fabric 0
                new PortPlan(0, true, max, 0)); // most free on fabric 0
    }

    /** 2 to 4 ports on 2 or 3 fabrics; the first always online with room, the others maybe not. */
    private List<PortPlan> randomPlans(HbaModel model) {
        int ports = 2 + random.nextInt(3);
        int fabricCount = ports >= 3 && random.nextInt(3) == 0 ? 3 : 2;
        List<Integer> fabrics = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(fabrics, random);
        List<PortPlan> plans = new ArrayList<>();
        for (int p = 0; p < ports; p++) {
            int fabric = fabrics.get(p % fabricCount);
            int roll = p == 0 ? Integer.MAX_VALUE : random.nextInt(10);
            if (roll < 2) {
                plans.add(new PortPlan(fabric, false, model.defaultMaxVports(), 0));
            } else if (roll < 4) {
                int max = LIMITED_MAX_VPORTS[random.nextInt(LIMITED_MAX_VPORTS.length)];
                plans.add(new PortPlan(fabric, true, max, max - random.nextInt(3)));
            } else {
                plans.add(new PortPlan(fabric, true, model.defaultMaxVports(), random.nextInt(4)));
            }
        }
        return plans;
    }

    private Chassis chassis() {
        String[] server = SERVERS[random.nextInt(SERVERS.length)];
        String serial = randomText(7);
        UUID uuid = new UUID((random.nextLong() & ~0xf000L) | 0x4000L, // version 4
                (random.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L); // IETF variant
        long mac = NIC_OUI | (random.nextInt(SERIAL_BITS + 1) & ~1); // even: the second port is the next
        return new Chassis(server[0], server[1], serial, uuid.toString(), mac, "S4EVNX0N" + randomText(6));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(SERIAL_CHARACTERS.charAt(random.nextInt(SERIAL_CHARACTERS.length())));
        }
        return text.toString();
    }

    /** Ports on dual-port cards (card serials ascending, so host numbers follow WWPNs), then their vHBAs. */
    private HostDraft draft(String id, Chassis chassis, HbaModel model, List<PortPlan> plans, List<Wwn> fabrics) {
        int cards = (plans.size() + PORTS_PER_CARD - 1) / PORTS_PER_CARD;
        List<Integer> cardSerials = new ArrayList<>();
        for (int card = 0; card < cards; card++) {
            cardSerials.add(cardSerial(model));
        }
        Collections.sort(cardSerials);
        HostDraft draft = new HostDraft(id, chassis, plans.size());
        for (int p = 0; p < plans.size(); p++) {
            PortPlan plan = plans.get(p);
            int card = p / PORTS_PER_CARD;
            int serial = cardSerials.get(card) + p % PORTS_PER_CARD;
            draft.ports.add(new PhysicalPort(p + 1, String.format("0000:%02x:00.%d", 0x05 + card, p % PORTS_PER_CARD),
                    String.format("0000:00:%02x.0", 0x03 + card), model, new Wwn(model.wwnn(serial)),
                    new Wwn(model.wwpn(serial)), fabrics.get(plan.fabric()), plan.online(), plan.maxVports(), 0));
        }
        for (int p = 0; p < plans.size(); p++) {
            for (int k = 0; k < plans.get(p).vhbas(); k++) {
                draft.addVhba(draft.ports.get(p), vhbaWwn(), vhbaWwn());
            }
        }
        return draft;
    }

    /** A serial for a dual-port card whose two ports' WWNs are both unused. */
    private int cardSerial(HbaModel model) {
        while (true) {
            int serial = random.nextInt(SERIAL_BITS) & ~1;
            List<Long> wwns = IntStream.range(0, PORTS_PER_CARD)
                    .mapToObj(k -> List.of(model.wwnn(serial + k), model.wwpn(serial + k)))
                    .flatMap(List::stream).toList();
            if (wwns.stream().noneMatch(usedWwns::contains)) {
                usedWwns.addAll(wwns);
                return serial;
            }
        }
    }

    private Wwn vhbaWwn() {
        return new Wwn(unique(() -> VHBA_PREFIX | (random.nextLong() & VHBA_RANDOM_BITS)));
    }

    private long unique(LongSupplier draw) {
        while (true) {
            long wwn = draw.getAsLong();
            if (usedWwns.add(wwn)) {
                return wwn;
            }
        }
    }

    /** A host being generated: ports and vHBAs are added, then vport counters are counted. */
    private static final class HostDraft {
        final String id;
        final Chassis chassis;
        final List<PhysicalPort> ports = new ArrayList<>();
        final List<VirtualPort> vhbas = new ArrayList<>();
        final int[] counterSurplus;

        HostDraft(String id, Chassis chassis, int portCount) {
            this.id = id;
            this.chassis = chassis;
            this.counterSurplus = new int[portCount];
        }

        List<VirtualPort> vhbasOf(int portIndex) {
            int parent = ports.get(portIndex).scsiHost();
            return vhbas.stream().filter(vhba -> vhba.parentScsiHost() == parent).toList();
        }

        void addVhba(PhysicalPort parent, Wwn wwnn, Wwn wwpn) {
            int scsiHost = ports.size() + vhbas.size() + 1;
            int vport = (int) vhbas.stream().filter(vhba -> vhba.parentScsiHost() == parent.scsiHost()).count();
            vhbas.add(new VirtualPort(scsiHost, parent.scsiHost(), vport, wwnn, wwpn, parent.fabric()));
        }

        /** A vHBA with {@code original}'s WWNs, on a port with room, on its fabric if this host has one there. */
        void addCopy(VirtualPort original) {
            List<PhysicalPort> withRoom = ports.stream()
                    .filter(port -> port.online() && vhbasOf(ports.indexOf(port)).size() < port.maxVports())
                    .toList();
            PhysicalPort parent = withRoom.stream().filter(port -> port.fabric().equals(original.fabric()))
                    .findFirst().orElse(withRoom.get(0));
            addVhba(parent, original.wwnn(), original.wwpn());
        }

        SimulatedHost build() {
            List<PhysicalPort> counted = new ArrayList<>();
            for (int p = 0; p < ports.size(); p++) {
                PhysicalPort port = ports.get(p);
                counted.add(new PhysicalPort(port.scsiHost(), port.pciAddress(), port.rootPort(), port.model(),
                        port.wwnn(), port.wwpn(), port.fabric(), port.online(), port.maxVports(),
                        vhbasOf(p).size() + counterSurplus[p]));
            }
            return new SimulatedHost(id, chassis, counted, vhbas);
        }
    }
}
