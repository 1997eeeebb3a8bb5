package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.audit.DeviceRef;
import io.nodedex.audit.Finding;
import io.nodedex.device.NaturalOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte order of sort keys is the order the API lists by: {@link String#compareTo} for host
 * ids, {@link NaturalOrder#NAMES} for device names, (host, name) for devices across hosts, and
 * the audit's order for findings; and every key reads back to what was written.
 */
class SortKeysTest {

    /**
     * Characters that make orders differ: digits and zeros, separators below and above '0', NUL,
     * the last one-byte units and the first two-byte one, non-ASCII, surrogates.
     */
    private static final String ALPHABET = "0000123456789_-./:a~\u007f\u0080\u0000\u00e9\u4e2d\uffff\ud83d\ude00";

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    @Test
    void namesSortNaturallyWithPlainStringOrderBreakingTies() {
        List<String> names = List.of("computer", "host1", "host01", "host001", "scsi_host2", "scsi_host10",
                "scsi_host10a", "scsi_host11", "scsi_host", "scsi_host/", "scsi_hostz");

        assertThat(names.stream().sorted((a, b) -> Arrays.compareUnsigned(name(a), name(b))).toList())
                .isEqualTo(names.stream().sorted(NaturalOrder.NAMES).toList())
                .containsExactly("computer", "host001", "host01", "host1", "scsi_host", "scsi_host/", "scsi_host2",
                        "scsi_host10", "scsi_host10a", "scsi_host11", "scsi_hostz");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomTextsAndNamesCompareAsTheirOrdersAndReadBack(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            String a = randomText(random);
            String b = random.nextInt(4) == 0 ? a + randomText(random) : randomText(random);

            assertThat(Integer.signum(Arrays.compareUnsigned(name(a), name(b))))
                    .as("'%s' vs '%s' as names", a, b).isEqualTo(Integer.signum(NaturalOrder.NAMES.compare(a, b)));
            assertThat(Integer.signum(Arrays.compareUnsigned(Keys.hostId(a), Keys.hostId(b))))
                    .as("'%s' vs '%s' as texts", a, b).isEqualTo(Integer.signum(a.compareTo(b)));
            String host = randomText(random);
            String otherHost = random.nextBoolean() ? host : randomText(random);
            int byDevice = host.equals(otherHost) ? NaturalOrder.NAMES.compare(a, b) : host.compareTo(otherHost);
            if (!host.isEmpty() && !otherHost.isEmpty()) {
                assertThat(Integer.signum(Arrays.compareUnsigned(Keys.hostDevice(host, a), Keys.hostDevice(otherHost, b))))
                        .as("%s/%s vs %s/%s", host, a, otherHost, b).isEqualTo(Integer.signum(byDevice));
            }
            assertThat(Keys.hostIdOf(Keys.hostId(a))).isEqualTo(a);
            assertThat(Keys.deviceName(Keys.device(42L, a))).isEqualTo(a);
            if (!host.isBlank() && !a.isBlank()) {
                assertThat(Keys.hostDeviceAt(Keys.byWwn(7L, host, a), Keys.LONG)).isEqualTo(new DeviceRef(host, a));
            }
        }
    }

    @Test
    void aHostsKeysAreExactlyThoseUnderItsPrefix() {
        byte[] prefix = Keys.hostPrefix("h1");

        assertThat(Keys.hasPrefix(Keys.hostDevice("h1", "scsi_host1"), prefix)).isTrue();
        assertThat(Keys.hasPrefix(Keys.hostDevice("h10", "scsi_host1"), prefix)).isFalse();
        assertThat(Keys.hasPrefix(Keys.hostDevice("h1\u0000", "scsi_host1"), prefix)).isFalse();
    }

    @Test
    void findingsSortByKindThenDevicesShorterListFirstThenMessageAndReadBack() {
        DeviceRef a2 = new DeviceRef("a", "scsi_host2");
        DeviceRef a10 = new DeviceRef("a", "scsi_host10");
        DeviceRef b1 = new DeviceRef("b", "scsi_host1");
        List<Finding> ordered = List.of(
                new Finding(Finding.Kind.DUPLICATE_WWPN, "z", List.of(a2, b1)),
                new Finding(Finding.Kind.VHBA_WITHOUT_PARENT, "m", List.of(a2)),
                new Finding(Finding.Kind.VHBA_WITHOUT_PARENT, "a", List.of(a2, a10)),
                new Finding(Finding.Kind.VHBA_WITHOUT_PARENT, "b", List.of(a2, a10)),
                new Finding(Finding.Kind.VHBA_WITHOUT_PARENT, "a", List.of(a10)),
                new Finding(Finding.Kind.VHBA_WITHOUT_PARENT, "a", List.of(b1)),
                new Finding(Finding.Kind.PARENT_OVER_CAPACITY, "a", List.of(a2)),
                new Finding(Finding.Kind.FABRIC_MISMATCH, "a", List.of(a2)),
                new Finding(Finding.Kind.VPORT_COUNT_MISMATCH, "a", List.of(a2)));

        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(Arrays.compareUnsigned(Keys.finding(ordered.get(i)), Keys.finding(ordered.get(i + 1))))
                    .as("%s before %s", ordered.get(i), ordered.get(i + 1)).isNegative();
        }
        ordered.forEach(finding -> assertThat(Keys.findingOf(Keys.finding(finding))).isEqualTo(finding));
    }

    @Test
    void kindCodesFollowTheDeclarationOrderOfKinds() {
        Finding.Kind[] kinds = Finding.Kind.values();
        for (int i = 0; i + 1 < kinds.length; i++) {
            assertThat(Keys.code(kinds[i])).isLessThan(Keys.code(kinds[i + 1]));
        }
    }

    @Test
    void aPagePositionIsTheShortestKeyAfterTheLastItemAndNotAfterTheNext() {
        assertThat(PagePosition.between(bytes(1, 2, 3), bytes(1, 2, 9, 9)).bytes()).containsExactly(1, 2, 9);
        assertThat(PagePosition.between(bytes(1, 2), bytes(1, 2, 0, 5)).bytes()).containsExactly(1, 2, 0);
        assertThat(PagePosition.between(bytes(1, 0xff), bytes(2)).bytes()).containsExactly(2);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] name(String name) {
        SortKeys.Writer out = new SortKeys.Writer(0);
        SortKeys.name(out, name);
        return out.toByteArray();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
