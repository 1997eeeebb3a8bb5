package io.nodedex.npiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NpivRequestTest {

    /** A request from raw query strings; null stands for an absent parameter. */
    private static NpivRequest request(String host, String parent, String wwnn, String wwpn, String fabric,
            String policy) {
        return NpivRequest.of(Optional.ofNullable(host), Optional.ofNullable(parent), Optional.ofNullable(wwnn),
                Optional.ofNullable(wwpn), Optional.ofNullable(fabric), Optional.ofNullable(policy));
    }

    private static String badInputMessage(String host, String parent, String wwnn, String wwpn, String fabric,
            String policy) {
        Throwable thrown = catchThrowable(() -> request(host, parent, wwnn, wwpn, fabric, policy));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        return thrown.getMessage();
    }

    @Test
    void a_host_alone_asks_for_any_parent_by_lowest_wwpn() {
        assertThat(request("h1", null, null, null, null, null))
                .isEqualTo(new NpivRequest("h1", Criteria.any(), ParentPolicy.LOWEST_WWPN));
    }

    @Test
    void each_criterion_is_built_from_its_parameters_with_wwns_as_numbers() {
        assertThat(request("h1", "scsi_host5", null, null, null, "most-free"))
                .isEqualTo(new NpivRequest("h1", Criteria.byName("scsi_host5"), ParentPolicy.MOST_FREE));
        assertThat(request("h1", null, "0X20000090FA1C2D3E", "10000090fa1c2d3e", null, null).criteria())
                .isEqualTo(Criteria.byWwnPair(new Wwn(0x20000090fa1c2d3eL), new Wwn(0x10000090fa1c2d3eL)));
        assertThat(request("h1", null, null, null, "0x100000051e9a0b01", null).criteria())
                .isEqualTo(Criteria.byFabric(new Wwn(0x100000051e9a0b01L)));
    }

    @Test
    void criteria_have_stable_wire_names() {
        assertThat(List.of(Criteria.byName("scsi_host5"), Criteria.byWwnPair(new Wwn(1), new Wwn(2)),
                Criteria.byFabric(new Wwn(3)), Criteria.any()))
                .extracting(Criteria::wireName)
                .containsExactly("name", "wwnn_wwpn", "fabric_wwn", "any");
    }

    @Test
    void a_missing_host_is_bad_input() {
        assertThat(badInputMessage(null, null, null, null, null, null)).isEqualTo("missing parameter host");
    }

    @Test
    void a_parameter_given_blank_is_bad_input_naming_it() {
        assertThat(badInputMessage("h1", " ", null, null, null, null))
                .isEqualTo("parameter parent is given but blank");
        assertThat(badInputMessage("", null, null, null, null, null))
                .isEqualTo("parameter host is given but blank");
    }

    @Test
    void more_than_one_criterion_is_bad_input_naming_them() {
        assertThat(badInputMessage("h1", "scsi_host5", null, null, "2000000043214321", null))
                .isEqualTo("conflicting parent criteria parent and parentFabricWwn:"
                        + " give at most one of parent, parentWwnn+parentWwpn, parentFabricWwn");
        assertThat(badInputMessage("h1", null, "2000000012341234", "1000000012341234", "2000000043214321", null))
                .startsWith("conflicting parent criteria parentWwnn+parentWwpn and parentFabricWwn:");
    }

    @Test
    void half_a_wwn_pair_is_bad_input_naming_the_missing_half() {
        assertThat(badInputMessage("h1", null, "2000000012341234", null, null, null))
                .isEqualTo("parentWwnn given without parentWwpn: a parent WWN pair needs both");
        assertThat(badInputMessage("h1", null, null, "1000000012341234", null, null))
                .isEqualTo("parentWwpn given without parentWwnn: a parent WWN pair needs both");
    }

    @Test
    void a_malformed_wwn_is_bad_input_naming_the_parameter_and_the_value() {
        assertThat(badInputMessage("h1", null, null, null, "0xfabric", null))
                .isEqualTo("parameter parentFabricWwn: malformed WWN '0xfabric':"
                        + " expected up to 16 hex digits, optionally prefixed with 0x");
        assertThat(badInputMessage("h1", null, "2000000012341234", "10000000123412345", null, null))
                .startsWith("parameter parentWwpn: malformed WWN '10000000123412345'");
    }

    @Test
    void an_unknown_policy_is_bad_input_listing_the_valid_ones() {
        assertThat(badInputMessage("h1", null, null, null, null, "fastest"))
                .isEqualTo("unknown policy 'fastest': valid policies are lowest-wwpn, most-free");
    }

    @Test
    void policies_parse_from_their_wire_names_only() {
        assertThat(ParentPolicy.parse("lowest-wwpn")).isEqualTo(ParentPolicy.LOWEST_WWPN);
        assertThat(ParentPolicy.parse("most-free")).isEqualTo(ParentPolicy.MOST_FREE);
        assertThatThrownBy(() -> ParentPolicy.parse("MOST_FREE")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'MOST_FREE'");
    }

    @Test
    void every_kind_of_bad_input_gets_its_own_message() {
        List<String> messages = List.of(
                badInputMessage(null, null, null, null, null, null),
                badInputMessage("h1", "", null, null, null, null),
                badInputMessage("h1", "scsi_host5", "2000000012341234", "1000000012341234", null, null),
                badInputMessage("h1", null, "2000000012341234", null, null, null),
                badInputMessage("h1", null, null, null, "xyz", null),
                badInputMessage("h1", null, null, null, null, "random"));

        assertThat(messages).doesNotHaveDuplicates();
    }
}
