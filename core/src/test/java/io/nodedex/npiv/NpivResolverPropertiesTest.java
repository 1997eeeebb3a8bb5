package io.nodedex.npiv;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.NaturalOrder;
import io.nodedex.device.VportOps;
import io.nodedex.npiv.NpivAnswer.Candidate;
import io.nodedex.npiv.NpivAnswer.Outcome;
import io.nodedex.npiv.RandomHosts.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of NPIV resolution over reproducible random hosts ({@link RandomHosts}): each seed is
 * one host and one request, so a failure names the seed that reproduces it. The acceptance rule
 * and the policy orders are restated here from docs/design.md, "NPIV parent resolution", as an
 * independent oracle.
 */
class NpivResolverPropertiesTest {

    private static final int SCENARIOS = 200;
    private static final int PERMUTATIONS = 4;
    private static final Pattern WWN = Pattern.compile("\\b[0-9a-f]{16}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    static LongStream seeds() {
        return LongStream.range(0, SCENARIOS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_answer_is_identical_for_every_permutation_of_the_devices(long seed) {
        RandomHosts hosts = new RandomHosts(seed);
        Scenario scenario = hosts.scenario();
        NpivAnswer answer = NpivResolver.resolve(scenario.request(), scenario.devices());

        List<Device> reversed = new ArrayList<>(scenario.devices());
        Collections.reverse(reversed);
        assertThat(NpivResolver.resolve(scenario.request(), reversed)).isEqualTo(answer);
        for (int i = 0; i < PERMUTATIONS; i++) {
            assertThat(NpivResolver.resolve(scenario.request(), hosts.shuffled(scenario.devices())))
                    .isEqualTo(answer);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_chosen_parent_has_vport_ops_and_is_neither_offline_nor_full(long seed) {
        Scenario scenario = new RandomHosts(seed).scenario();
        NpivAnswer answer = NpivResolver.resolve(scenario.request(), scenario.devices());

        answer.parent().ifPresent(parent -> {
            Device device = device(scenario, parent.name());
            assertThat(device.isVportCapable()).isTrue();
            assertThat(device.fcHost().orElseThrow().portState().orElse(FcHost.ONLINE)).isEqualTo(FcHost.ONLINE);
            VportOps vports = device.vportOps().orElseThrow();
            assertThat(!vports.capacityKnown() || vports.vports() < vports.maxVports()).isTrue();
            assertThat(parent.wwpn()).isEqualTo(device.fcHost().orElseThrow().wwpn());
            assertThat(parent.freeVports()).isEqualTo(vports.freeVports());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void candidates_are_every_fc_host_accepted_ones_first_in_policy_order_then_rejected_ones_by_name(long seed) {
        Scenario scenario = new RandomHosts(seed).scenario();
        NpivAnswer answer = NpivResolver.resolve(scenario.request(), scenario.devices());

        List<Device> fcHosts = scenario.devices().stream().filter(d -> d.fcHost().isPresent()).toList();
        List<String> accepted = fcHosts.stream().filter(d -> oracleAccepts(scenario, d))
                .sorted(oracleOrder(scenario.request().policy())).map(Device::name).toList();
        List<String> rejected = fcHosts.stream().filter(d -> !oracleAccepts(scenario, d))
                .map(Device::name).sorted(NaturalOrder.NAMES).toList();

        assertThat(answer.candidates().stream().filter(Candidate::accepted).map(Candidate::name))
                .containsExactlyElementsOf(accepted);
        assertThat(answer.candidates().stream().filter(c -> !c.accepted()).map(Candidate::name))
                .containsExactlyElementsOf(rejected);
        assertThat(answer.candidates()).extracting(Candidate::name)
                .containsExactlyElementsOf(Stream.concat(accepted.stream(), rejected.stream()).toList());
        assertThat(answer.parent().map(NpivAnswer.Parent::name)).isEqualTo(accepted.stream().findFirst());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_outcome_follows_from_the_named_device_and_the_accepted_candidates(long seed) {
        Scenario scenario = new RandomHosts(seed).scenario();
        NpivAnswer answer = NpivResolver.resolve(scenario.request(), scenario.devices());

        Outcome expected = answer.candidates().stream().anyMatch(Candidate::accepted)
                ? Outcome.FOUND : Outcome.NOT_FOUND;
        if (scenario.name().isPresent()) {
            List<Device> named = scenario.devices().stream()
                    .filter(d -> d.name().equals(scenario.name().get())).toList();
            if (!named.isEmpty() && !named.get(0).isVportCapable()) {
                expected = Outcome.CONFLICT;
            }
        }
        assertThat(answer.outcome()).isEqualTo(expected);
        assertThat(answer.host()).isEqualTo(scenario.request().host());
        assertThat(answer.criteria()).isEqualTo(scenario.request().criteria().wireName());
        assertThat(answer.policy()).isEqualTo(scenario.request().policy().wireName());
    }

    @Test
    void the_random_scenarios_reach_every_outcome_and_every_kind_of_rejection() {
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        Set<String> reasons = new HashSet<>();
        for (long seed : seeds().toArray()) {
            Scenario scenario = new RandomHosts(seed).scenario();
            NpivAnswer answer = NpivResolver.resolve(scenario.request(), scenario.devices());
            outcomes.add(answer.outcome());
            answer.candidates().forEach(c -> reasons.add(kindOf(c.reason())));
        }
        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.values());
        assertThat(reasons).contains("vHBA: no vport_ops", "not the named parent scsi_hostN",
                "wwpn W does not match requested W", "wwnn W does not match requested W",
                "fabric W is not the requested fabric W", "fabric unknown, not the requested fabric W",
                "port state Linkdown, not Online", "port state Offline, not Online",
                "full: N of N vports in use",
                "vport capable, Online, N of N vports free",
                "vport capable, port state unknown, capacity unknown (max_vports N)");
    }

    /** A reason with its WWNs replaced by {@code W} and other numbers by {@code N}. */
    private static String kindOf(String reason) {
        return NUMBER.matcher(WWN.matcher(reason).replaceAll("W")).replaceAll("N");
    }

    private static Device device(Scenario scenario, String name) {
        return scenario.devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** The design's acceptance rule, from the scenario's intended (unrendered) criterion. */
    private static boolean oracleAccepts(Scenario scenario, Device device) {
        if (device.fcHost().isEmpty() || device.vportOps().isEmpty()) {
            return false;
        }
        FcHost fc = device.fcHost().get();
        VportOps vports = device.vportOps().get();
        boolean matches = scenario.name().map(device.name()::equals).orElse(true)
                && scenario.wwnn().map(fc.wwnn()::equals).orElse(true)
                && scenario.wwpn().map(fc.wwpn()::equals).orElse(true)
                && scenario.fabric().map(f -> fc.fabricWwn().equals(Optional.of(f))).orElse(true);
        boolean online = fc.portState().map(FcHost.ONLINE::equals).orElse(true);
        boolean room = vports.maxVports() == 0 || vports.vports() < vports.maxVports();
        return matches && online && room;
    }

    /** The design's policy orders over accepted devices. */
    private static Comparator<Device> oracleOrder(ParentPolicy policy) {
        Comparator<Device> byWwpnThenName = Comparator
                .comparing((Device d) -> d.fcHost().orElseThrow().wwpn())
                .thenComparing(Device::name, NaturalOrder.NAMES);
        if (policy == ParentPolicy.LOWEST_WWPN) {
            return byWwpnThenName;
        }
        Comparator<Device> mostFreeFirst = Comparator.comparingInt((Device d) -> {
            VportOps vports = d.vportOps().orElseThrow();
            return vports.maxVports() == 0 ? 0 : -(vports.maxVports() - vports.vports());
        });
        return mostFreeFirst.thenComparing(byWwpnThenName);
    }
}
