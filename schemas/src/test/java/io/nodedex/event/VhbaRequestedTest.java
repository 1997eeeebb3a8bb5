package io.nodedex.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VhbaRequestedTest {

    private static VhbaRequested request(String id, Optional<Wwn> wwnn, Optional<Wwn> wwpn) {
        return new VhbaRequested(id, Criteria.any(), ParentPolicy.LOWEST_WWPN, wwnn, wwpn);
    }

    @Test
    void withoutWwnsTheVhbasAreDerivedFromTheRequestIdAsLocallyAssignedNames() {
        VhbaRequested request = request("req-1", Optional.empty(), Optional.empty());

        // SHA-256("nodedex.vhba.wwpn\0req-1"), first 60 bits, under the NAA type 3 nibble
        assertThat(request.vhbaWwpn()).isEqualTo(Wwn.parse("3cb9de7d6ed7d83c"));
        assertThat(request.vhbaWwnn()).isEqualTo(Wwn.parse("3824c90426af861d"));
        assertThat(request("req-2", Optional.empty(), Optional.empty()).vhbaWwpn()).isNotEqualTo(request.vhbaWwpn());
    }

    @Test
    void requestedWwnsAreKept() {
        VhbaRequested request = request("req-1", Optional.of(Wwn.parse("2001001b32a9da4e")),
                Optional.of(Wwn.parse("2101001b32a9da4e")));

        assertThat(request.vhbaWwnn()).isEqualTo(Wwn.parse("2001001b32a9da4e"));
        assertThat(request.vhbaWwpn()).isEqualTo(Wwn.parse("2101001b32a9da4e"));
    }

    @Test
    void requestIdsAreShortAndSafeInPathsAndKeys() {
        assertThat(VhbaRequestId.check("job-42.run:7_a")).isEqualTo("job-42.run:7_a");
        for (String bad : new String[] {"", "a/b", "a b", "a\0b", "x".repeat(129), "é"}) {
            assertThatThrownBy(() -> VhbaRequestId.check(bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not 1 to 128 characters");
        }
    }
}
