package io.nodedex.npiv;

import static io.nodedex.npiv.FcDevices.computer;
import static io.nodedex.npiv.FcDevices.fcHost;
import static io.nodedex.npiv.FcDevices.libvirtTestDefault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.nodedex.device.Device;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.npiv.NpivAnswer.Candidate;
import io.nodedex.npiv.NpivAnswer.Outcome;
import io.nodedex.npiv.NpivAnswer.Parent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NpivResolverTest {

    private static final String HOST = "h1";

    /** Resolves a request given as raw query strings (null for an absent parameter). */
    private static NpivAnswer resolve(List<Device> devices, String parent, String wwnn, String wwpn,
            String fabric, String policy) {
        NpivRequest request = NpivRequest.of(Optional.of(HOST), Optional.ofNullable(parent),
                Optional.ofNullable(wwnn), Optional.ofNullable(wwpn), Optional.ofNullable(fabric),
                Optional.ofNullable(policy));
        return NpivResolver.resolve(request, devices);
    }

    private static NpivAnswer byFabric(List<Device> devices, String fabric) {
        return resolve(devices, null, null, null, fabric, null);
    }

    private static NpivAnswer byName(List<Device> devices, String name) {
        return resolve(devices, name, null, null, null, null);
    }

    private static NpivAnswer anyParent(List<Device> devices, String policy) {
        return resolve(devices, null, null, null, null, policy);
    }

    private static Optional<String> chosenName(NpivAnswer answer) {
        return answer.parent().map(Parent::name);
    }

    @Nested
    class On_libvirts_test_default_host {

        private final List<Device> devices = libvirtTestDefault();

        @Test
        void by_fabric_it_picks_scsi_host1_and_never_the_vhba_on_the_same_fabric() {
            NpivAnswer answer = byFabric(devices, "2000000043214321");

            assertThat(answer).isEqualTo(new NpivAnswer(HOST, "fabric_wwn", "lowest-wwpn",
                    Optional.of(new Parent("scsi_host1", new Wwn(0x2000000012341234L),
                            new Wwn(0x1000000012341234L), Optional.of(new Wwn(0x2000000043214321L)), 0, 0, 0)),
                    List.of(new Candidate("scsi_host1", true,
                                    "vport capable, port state unknown, capacity unknown (max_vports 0)"),
                            new Candidate("scsi_host2", false,
                                    "fabric 2000000087658765 is not the requested fabric 2000000043214321"),
                            new Candidate("scsi_host11", false, "vHBA: no vport_ops")),
                    Outcome.FOUND, "chose scsi_host1 on host h1 by lowest-wwpn from 1 accepted of 3 candidates"));
        }

        @Test
        void by_a_wwn_pair_in_upper_case_with_0x_prefix_it_matches_scsi_host2() {
            NpivAnswer answer = resolve(devices, null, "0X2000000056785678", "0x1000000056785678", null, null);

            assertThat(answer.criteria()).isEqualTo("wwnn_wwpn");
            assertThat(chosenName(answer)).contains("scsi_host2");
            assertThat(answer.candidates()).extracting(Candidate::name, Candidate::accepted, Candidate::reason)
                    .containsExactly(
                            tuple("scsi_host2", true,
                                    "vport capable, port state unknown, capacity unknown (max_vports 0)"),
                            tuple("scsi_host1", false,
                                    "wwpn 1000000012341234 does not match requested 1000000056785678"),
                            tuple("scsi_host11", false, "vHBA: no vport_ops"));
        }

        @Test
        void by_a_fabric_with_an_upper_case_0X_prefix_it_matches() {
            assertThat(chosenName(byFabric(devices, "0X2000000043214321")))
                    .contains("scsi_host1");
        }

        @Test
        void with_no_criterion_it_picks_the_lowest_wwpn_and_lists_the_vhba_as_rejected() {
            NpivAnswer answer = anyParent(devices, null);

            assertThat(answer.criteria()).isEqualTo("any");
            assertThat(chosenName(answer)).contains("scsi_host1");
            assertThat(answer.candidates()).extracting(Candidate::name, Candidate::accepted)
                    .containsExactly(tuple("scsi_host1", true), tuple("scsi_host2", true),
                            tuple("scsi_host11", false));
        }

        @Test
        void naming_the_vhba_is_a_conflict_and_never_falls_back_to_its_parent() {
            NpivAnswer answer = byName(devices, "scsi_host11");

            assertThat(answer.outcome()).isEqualTo(Outcome.CONFLICT);
            assertThat(answer.parent()).isEmpty();
            assertThat(answer.message()).isEqualTo("named parent scsi_host11 on host h1 is not vport capable:"
                    + " it is a vHBA (fc_host without vport_ops)");
            assertThat(answer.candidates()).extracting(Candidate::name, Candidate::reason).containsExactly(
                    tuple("scsi_host1", "not the named parent scsi_host11"),
                    tuple("scsi_host2", "not the named parent scsi_host11"),
                    tuple("scsi_host11", "vHBA: no vport_ops"));
        }

        @Test
        void naming_a_device_without_fc_host_is_a_conflict() {
            NpivAnswer answer = byName(devices, "computer");

            assertThat(answer.outcome()).isEqualTo(Outcome.CONFLICT);
            assertThat(answer.message()).isEqualTo(
                    "named parent computer on host h1 is not vport capable: it has no fc_host capability");
        }

        @Test
        void naming_an_unknown_device_is_not_found() {
            NpivAnswer answer = byName(devices, "scsi_host99");

            assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
            assertThat(answer.parent()).isEmpty();
            assertThat(answer.message()).isEqualTo("no device named scsi_host99 on host h1");
        }

        @Test
        void naming_a_vport_capable_parent_picks_it_even_if_another_has_a_lower_wwpn() {
            assertThat(chosenName(byName(devices, "scsi_host2"))).contains("scsi_host2");
        }

        @Test
        void an_unknown_fabric_finds_nothing_and_says_why_for_every_candidate() {
            NpivAnswer answer = byFabric(devices, "2000000000000001");

            assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
            assertThat(answer.parent()).isEmpty();
            assertThat(answer.message()).isEqualTo("no vport-capable parent on host h1 matches"
                    + " fabric_wwn 2000000000000001: all 3 candidates rejected");
            assertThat(answer.candidates()).extracting(Candidate::accepted).containsOnly(false);
        }

        @Test
        void the_answer_does_not_depend_on_the_order_of_the_devices() {
            List<Device> reversed = new ArrayList<>(devices);
            Collections.reverse(reversed);

            assertThat(byFabric(reversed, "2000000043214321")).isEqualTo(byFabric(devices, "2000000043214321"));
            assertThat(anyParent(reversed, "most-free")).isEqualTo(anyParent(devices, "most-free"));
        }
    }

    @Nested
    class On_the_kernels_host7 {

        /** /sys/class/fc_host/host7 as in docs/design.md, "Reference data", and a vHBA created on it. */
        private final List<Device> devices = List.of(
                fcHost("scsi_host7").wwns("0x20000090fa1c2d3e", "0x10000090fa1c2d3e")
                        .fabric("0x100000051e9a0b01").online().vports(2, 255).build(),
                fcHost("scsi_host8").parent("scsi_host7").wwns("0x20000090fa1c2d3f", "0x10000090fa1c2d3f")
                        .fabric("0x100000051e9a0b01").online().build());

        @Test
        void by_fabric_it_picks_host7_with_its_free_vports() {
            NpivAnswer answer = byFabric(devices, "0x100000051E9A0B01");

            assertThat(answer.parent()).contains(new Parent("scsi_host7", new Wwn(0x20000090fa1c2d3eL),
                    new Wwn(0x10000090fa1c2d3eL), Optional.of(new Wwn(0x100000051e9a0b01L)), 255, 2, 253));
            assertThat(answer.candidates()).containsExactly(
                    new Candidate("scsi_host7", true, "vport capable, Online, 253 of 255 vports free"),
                    new Candidate("scsi_host8", false, "vHBA: no vport_ops"));
        }

        @Test
        void a_criterion_without_zero_padding_matches_a_padded_wwn() {
            List<Device> host = List.of(fcHost("scsi_host7").wwns("0x20000090fa1c2d3e", "0x10000090fa1c2d3e")
                    .fabric("0x1000051e9a0b01").online().vports(2, 255).build());

            assertThat(chosenName(byFabric(host, "001000051E9A0B01"))).contains("scsi_host7");
            assertThat(chosenName(byFabric(host, "0x1000051e9a0b01"))).contains("scsi_host7");
        }
    }

    @Nested
    class Capacity_and_port_state {

        private static final String FABRIC = "0x100000051e9a0b01";

        private Device hba(String name, String wwpn, int inUse, int max) {
            return fcHost(name).wwns("0x2" + wwpn.substring(1), wwpn).fabric(FABRIC).online()
                    .vports(inUse, max).build();
        }

        @Test
        void a_full_hba_is_rejected_by_number_while_99_of_127_is_accepted() {
            // libvirt compares "127" >= "127" and "99" < "127" as strings by length: the full one passes.
            NpivAnswer answer = byFabric(List.of(hba("scsi_host3", "1000000000000001", 127, 127),
                    hba("scsi_host4", "1000000000000002", 99, 127)), FABRIC);

            assertThat(chosenName(answer)).contains("scsi_host4");
            assertThat(answer.candidates()).containsExactly(
                    new Candidate("scsi_host4", true, "vport capable, Online, 28 of 127 vports free"),
                    new Candidate("scsi_host3", false, "full: 127 of 127 vports in use"));
        }

        @Test
        void an_hba_over_its_capacity_is_full() {
            NpivAnswer answer = byFabric(List.of(hba("scsi_host3", "1000000000000001", 130, 127)), FABRIC);

            assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
            assertThat(answer.candidates()).containsExactly(
                    new Candidate("scsi_host3", false, "full: 130 of 127 vports in use"));
        }

        @Test
        void a_linkdown_hba_is_rejected_and_an_online_one_with_a_higher_wwpn_is_chosen() {
            Device linkdown = fcHost("scsi_host3").wwns("2000000000000001", "1000000000000001").fabric(FABRIC)
                    .portState("Linkdown").vports(0, 255).build();
            NpivAnswer answer = byFabric(List.of(linkdown, hba("scsi_host4", "1000000000000002", 0, 255)), FABRIC);

            assertThat(chosenName(answer)).contains("scsi_host4");
            assertThat(answer.candidates()).contains(
                    new Candidate("scsi_host3", false, "port state Linkdown, not Online"));
        }

        @Test
        void naming_a_linkdown_parent_is_not_found_with_its_reason_and_no_fallback() {
            Device linkdown = fcHost("scsi_host3").wwns("2000000000000001", "1000000000000001").fabric(FABRIC)
                    .portState("Linkdown").vports(0, 255).build();
            NpivAnswer answer = byName(List.of(linkdown, hba("scsi_host4", "1000000000000002", 0, 255)),
                    "scsi_host3");

            assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
            assertThat(answer.parent()).isEmpty();
            assertThat(answer.message()).isEqualTo(
                    "named parent scsi_host3 on host h1 cannot take a vport: port state Linkdown, not Online");
        }

        @Test
        void naming_a_full_parent_is_not_found_with_its_reason() {
            NpivAnswer answer = byName(List.of(hba("scsi_host3", "1000000000000001", 127, 127)), "scsi_host3");

            assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
            assertThat(answer.message()).endsWith("cannot take a vport: full: 127 of 127 vports in use");
        }

        @Test
        void each_candidate_gets_only_the_first_failed_check_as_its_reason() {
            Device vhbaElsewhere = fcHost("scsi_host5").wwns("2000000000000005", "1000000000000005")
                    .fabric("2000000000000099").portState("Linkdown").build();
            Device linkdownElsewhere = fcHost("scsi_host6").wwns("2000000000000006", "1000000000000006")
                    .fabric("2000000000000099").portState("Linkdown").vports(5, 5).build();
            Device fullAndLinkdown = fcHost("scsi_host7").wwns("2000000000000007", "1000000000000007")
                    .fabric(FABRIC).portState("Linkdown").vports(5, 5).build();

            assertThat(byFabric(List.of(vhbaElsewhere, linkdownElsewhere, fullAndLinkdown), FABRIC).candidates())
                    .extracting(Candidate::reason).containsExactly(
                            "vHBA: no vport_ops",
                            "fabric 2000000000000099 is not the requested fabric 100000051e9a0b01",
                            "port state Linkdown, not Online");
        }

        @Test
        void a_parent_with_unknown_fabric_does_not_match_a_fabric_criterion() {
            Device noFabric = fcHost("scsi_host3").wwns("2000000000000001", "1000000000000001").online()
                    .vports(0, 255).build();

            assertThat(byFabric(List.of(noFabric), FABRIC).candidates()).containsExactly(new Candidate(
                    "scsi_host3", false, "fabric unknown, not the requested fabric 100000051e9a0b01"));
        }

        @Test
        void a_wwn_pair_whose_wwpn_matches_but_whose_wwnn_differs_is_rejected() {
            NpivAnswer answer = resolve(List.of(hba("scsi_host3", "1000000000000001", 0, 255)),
                    null, "2000000000000777", "1000000000000001", null, null);

            assertThat(answer.candidates()).containsExactly(new Candidate("scsi_host3", false,
                    "wwnn 2000000000000001 does not match requested 2000000000000777"));
        }
    }

    @Nested
    class Policies {

        /** Unknown capacity but the lowest WWPN; few free; many free. */
        private final List<Device> devices = List.of(
                fcHost("scsi_host1").wwns("2000000000000001", "1000000000000001").online().vports(0, 0).build(),
                fcHost("scsi_host2").wwns("2000000000000002", "1000000000000002").online().vports(120, 127).build(),
                fcHost("scsi_host3").wwns("2000000000000003", "1000000000000003").online().vports(3, 255).build(),
                computer());

        @Test
        void lowest_wwpn_and_most_free_choose_differently_on_the_same_host() {
            assertThat(chosenName(anyParent(devices, "lowest-wwpn"))).contains("scsi_host1");
            assertThat(chosenName(anyParent(devices, "most-free"))).contains("scsi_host3");
        }

        @Test
        void most_free_counts_unknown_capacity_as_zero_free_and_orders_every_accepted_candidate() {
            NpivAnswer answer = anyParent(devices, "most-free");

            assertThat(answer.policy()).isEqualTo("most-free");
            assertThat(answer.candidates()).extracting(Candidate::name)
                    .containsExactly("scsi_host3", "scsi_host2", "scsi_host1");
        }

        @Test
        void the_default_policy_is_lowest_wwpn() {
            assertThat(anyParent(devices, null).policy()).isEqualTo("lowest-wwpn");
        }

        @Test
        void equal_wwpns_are_ordered_by_natural_name_order() {
            List<Device> twins = List.of(
                    fcHost("scsi_host10").wwns("2000000000000001", "1000000000000001").vports(0, 0).build(),
                    fcHost("scsi_host2").wwns("2000000000000001", "1000000000000001").vports(0, 0).build());

            assertThat(anyParent(twins, null).candidates()).extracting(Candidate::name)
                    .containsExactly("scsi_host2", "scsi_host10");
            assertThat(anyParent(twins, "most-free").candidates()).extracting(Candidate::name)
                    .containsExactly("scsi_host2", "scsi_host10");
        }

        @Test
        void wwpns_are_ordered_unsigned_so_the_high_bit_sorts_last() {
            List<Device> devices = List.of(
                    fcHost("scsi_host1").wwns("2000000000000001", "c000000000000001").vports(0, 0).build(),
                    fcHost("scsi_host2").wwns("2000000000000002", "5000000000000001").vports(0, 0).build());

            assertThat(chosenName(anyParent(devices, null))).contains("scsi_host2");
        }
    }

    @Nested
    class Degenerate_hosts {

        @Test
        void a_host_without_fc_hosts_has_no_candidates_and_no_parent() {
            NpivAnswer answer = anyParent(List.of(computer()), null);

            assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
            assertThat(answer.candidates()).isEmpty();
            assertThat(answer.message()).isEqualTo("no fc_host devices on host h1");
        }

        @Test
        void duplicate_device_names_are_bad_input() {
            List<Device> devices = new ArrayList<>(libvirtTestDefault());
            devices.add(fcHost("scsi_host2").vports(0, 0).build());

            assertThatThrownBy(() -> anyParent(devices, null)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("duplicate device name scsi_host2 on host h1");
        }
    }
}
