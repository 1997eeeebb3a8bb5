package io.nodedex.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NaturalOrderTest {

    @Test
    void numbersInsideNamesCompareAsNumbers() {
        List<String> names = new ArrayList<>(List.of("scsi_host10", "scsi_host2", "scsi_host1", "computer",
                "scsi_host11", "pci_0000_05_00_1", "pci_0000_05_00_0", "scsi_host100"));
        names.sort(NaturalOrder.NAMES);
        assertThat(names).containsExactly("computer", "pci_0000_05_00_0", "pci_0000_05_00_1", "scsi_host1",
                "scsi_host2", "scsi_host10", "scsi_host11", "scsi_host100");
    }

    @Test
    void leadingZerosTieByNumberThenFallBackToPlainOrder() {
        assertThat(NaturalOrder.NAMES.compare("host01", "host1")).isNotZero();
        assertThat(NaturalOrder.NAMES.compare("host01", "host2")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("host007", "host7")).isEqualTo(-NaturalOrder.NAMES.compare("host7", "host007"));
    }

    @Test
    void digitRunsLongerThanALongStillCompareAsNumbers() {
        assertThat(NaturalOrder.NAMES.compare("d99999999999999999999999", "d100000000000000000000000")).isNegative();
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    /** A total order: antisymmetric, transitive, consistent with equals, so sorting never depends on input order. */
    @ParameterizedTest
    @MethodSource("seeds")
    void isATotalOrderConsistentWithEquals(long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add(randomName(random));
        }
        for (String a : names) {
            for (String b : names) {
                int ab = NaturalOrder.NAMES.compare(a, b);
                assertThat(Integer.signum(ab)).as("seed %d: %s vs %s", seed, a, b)
                        .isEqualTo(-Integer.signum(NaturalOrder.NAMES.compare(b, a)));
                assertThat(ab == 0).as("seed %d: %s vs %s", seed, a, b).isEqualTo(a.equals(b));
                for (String c : names) {
                    if (ab <= 0 && NaturalOrder.NAMES.compare(b, c) <= 0) {
                        assertThat(NaturalOrder.NAMES.compare(a, c)).as("seed %d: %s <= %s <= %s", seed, a, b, c)
                                .isLessThanOrEqualTo(0);
                    }
                }
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(NaturalOrder.NAMES);
        Collections.shuffle(names, random);
        names.sort(NaturalOrder.NAMES);
        assertThat(names).as("seed %d", seed).isEqualTo(sorted);
    }

    private static String randomName(Random random) {
        String alphabet = "ab_0019";
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }
}
