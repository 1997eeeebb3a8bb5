package io.nodedex.npiv;

import static io.nodedex.npiv.FcDevices.fcHost;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reproducible random hosts and requests for property tests: one seed, one scenario. Hosts have
 * 0 to 64 HBAs, each with 0 to 4 vHBAs on its fabric; port states Online, Linkdown, Offline or
 * absent; capacities unknown, free, full or over; WWPNs sometimes shared so ties occur. Requests
 * render WWNs in mixed case, with or without {@code 0x}, padded or not. Not thread-safe.
 */
final class RandomHosts {

    static final int MAX_HBAS = 64;
    private static final int MAX_VHBAS_PER_HBA = 4;
    private static final List<Optional<String>> PORT_STATES = List.of(Optional.of(FcHost.ONLINE),
            Optional.of("Linkdown"), Optional.of("Offline"), Optional.empty());

    /**
     * A host's devices and a request on them, with the criterion's intended values (before they
     * were rendered as strings) for an independent oracle.
     */
    record Scenario(List<Device> devices, NpivRequest request, Optional<String> name, Optional<Wwn> wwnn,
            Optional<Wwn> wwpn, Optional<Wwn> fabric) {
    }

    private final Random random;

    RandomHosts(long seed) {
        this.random = new Random(seed);
    }

    Scenario scenario() {
        List<Device> devices = host();
        return request(devices);
    }

    /** The same devices in a random order. */
    List<Device> shuffled(List<Device> devices) {
        List<Device> copy = new ArrayList<>(devices);
        Collections.shuffle(copy, random);
        return copy;
    }

    private List<Device> host() {
        int hbas = random.nextInt(MAX_HBAS + 1);
        int vhbas = hbas * MAX_VHBAS_PER_HBA;
        List<Integer> hostNumbers = IntStream.range(0, hbas + vhbas).boxed().collect(Collectors.toList());
        Collections.shuffle(hostNumbers, random);
        List<Wwn> fabrics = IntStream.range(0, 1 + random.nextInt(4)).mapToObj(i -> randomWwn()).toList();
        List<Wwn> wwpns = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        int next = 0;
        for (int h = 0; h < hbas; h++) {
            String parentName = "scsi_host" + hostNumbers.get(next++);
            Optional<Wwn> fabric = random.nextInt(10) == 0 ? Optional.empty()
                    : Optional.of(fabrics.get(random.nextInt(fabrics.size())));
            FcDevices.Builder hba = fcHost(parentName);
            withRandomNames(hba, wwpns);
            fabric.ifPresent(f -> hba.fabric(f.toString()));
            PORT_STATES.get(random.nextInt(PORT_STATES.size())).ifPresent(hba::portState);
            int max = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(255);
            int inUse = switch (random.nextInt(4)) {
                case 0 -> max;
                case 1 -> max + 1 + random.nextInt(3);
                default -> random.nextInt(max + 1);
            };
            devices.add(hba.vports(inUse, max).build());
            for (int v = random.nextInt(MAX_VHBAS_PER_HBA + 1); v > 0; v--) {
                FcDevices.Builder vhba = fcHost("scsi_host" + hostNumbers.get(next++)).parent(parentName);
                withRandomNames(vhba, wwpns);
                fabric.ifPresent(f -> vhba.fabric(f.toString()));
                PORT_STATES.get(random.nextInt(PORT_STATES.size())).ifPresent(vhba::portState);
                devices.add(vhba.build());
            }
        }
        if (random.nextBoolean()) {
            devices.add(FcDevices.computer());
        }
        return devices;
    }

    /** Fresh WWNs, except that one WWPN in eight repeats an earlier one. */
    private void withRandomNames(FcDevices.Builder builder, List<Wwn> wwpns) {
        Wwn wwpn = !wwpns.isEmpty() && random.nextInt(8) == 0
                ? wwpns.get(random.nextInt(wwpns.size()))
                : randomWwn();
        wwpns.add(wwpn);
        builder.wwns(randomWwn().toString(), wwpn.toString());
    }

    private Scenario request(List<Device> devices) {
        Optional<Device> some = devices.isEmpty() || random.nextInt(5) == 0 ? Optional.empty()
                : Optional.of(devices.get(random.nextInt(devices.size())));
        Optional<FcHost> fc = some.flatMap(Device::fcHost);
        Optional<String> name = Optional.empty();
        Optional<Wwn> wwnn = Optional.empty();
        Optional<Wwn> wwpn = Optional.empty();
        Optional<Wwn> fabric = Optional.empty();
        switch (random.nextInt(4)) {
            case 0 -> name = Optional.of(some.map(Device::name).orElse("scsi_host" + random.nextInt(400)));
            case 1 -> {
                wwnn = Optional.of(fc.map(FcHost::wwnn).orElseGet(this::randomWwn));
                wwpn = Optional.of(fc.map(FcHost::wwpn).orElseGet(this::randomWwn));
            }
            case 2 -> fabric = Optional.of(fc.flatMap(FcHost::fabricWwn).orElseGet(this::randomWwn));
            default -> {
                // no criterion
            }
        }
        Optional<String> policy = List.of(Optional.<String>empty(), Optional.of("lowest-wwpn"),
                Optional.of("most-free")).get(random.nextInt(3));
        NpivRequest request = NpivRequest.of(Optional.of("h" + random.nextInt(1000)), name,
                wwnn.map(this::render), wwpn.map(this::render), fabric.map(this::render), policy);
        return new Scenario(List.copyOf(devices), request, name, wwnn, wwpn, fabric);
    }

    /** Mostly full-range numbers (high bit included), sometimes tiny ones with many leading zeros. */
    private Wwn randomWwn() {
        return new Wwn(random.nextInt(6) == 0 ? random.nextInt(0x10000) : random.nextLong());
    }

    /** As a user might type it: padded or not, any case per digit, no prefix, 0x or 0X. */
    private String render(Wwn wwn) {
        String hex = random.nextBoolean() ? wwn.toString() : Long.toHexString(wwn.value());
        StringBuilder text = new StringBuilder(List.of("", "0x", "0X").get(random.nextInt(3)));
        for (char c : hex.toCharArray()) {
            text.append(random.nextBoolean() ? String.valueOf(c).toUpperCase(Locale.ROOT) : String.valueOf(c));
        }
        return text.toString();
    }
}
