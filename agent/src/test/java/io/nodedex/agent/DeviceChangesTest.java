package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Payload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceChangesTest {

    @Test
    void identicalReadsChangeNothing() {
        List<Device> devices = List.of(hba(3, "Online", 2), hba(4, "Online", 0));

        DeviceChanges changes = DeviceChanges.between(devices, List.copyOf(devices));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes.payloads()).isEmpty();
    }

    @Test
    void aChangedValueIsAnUpsertOfTheWholeDevice() {
        DeviceChanges changes = DeviceChanges.between(List.of(hba(3, "Online", 2), hba(4, "Online", 0)),
                List.of(hba(3, "Linkdown", 2), hba(4, "Online", 0)));

        assertThat(changes.payloads()).containsExactly(new DeviceUpserted(hba(3, "Linkdown", 2)));
    }

    @Test
    void newDevicesAreUpsertedAndGoneOnesRemovedInNaturalNameOrder() {
        DeviceChanges changes = DeviceChanges.between(List.of(hba(2, "Online", 0), hba(10, "Online", 0)),
                List.of(hba(11, "Online", 0), hba(9, "Online", 0)));

        assertThat(changes.payloads()).containsExactly(new DeviceUpserted(hba(9, "Online", 0)),
                new DeviceUpserted(hba(11, "Online", 0)), new DeviceRemoved("scsi_host2"),
                new DeviceRemoved("scsi_host10"));
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void applyingTheChangesToTheFirstReadGivesTheSecondWhateverTheListOrder(long seed) {
        Random random = new Random(seed);
        List<Device> before = randomHost(random);
        List<Device> after = randomHost(random);
        List<Device> shuffledBefore = new ArrayList<>(before);
        List<Device> shuffledAfter = new ArrayList<>(after);
        Collections.shuffle(shuffledBefore, random);
        Collections.shuffle(shuffledAfter, random);

        DeviceChanges changes = DeviceChanges.between(before, after);

        assertThat(apply(before, changes.payloads())).as("seed %d", seed).isEqualTo(byName(after));
        assertThat(DeviceChanges.between(shuffledBefore, shuffledAfter)).as("seed %d", seed).isEqualTo(changes);
        assertThat(DeviceChanges.between(after, after).isEmpty()).as("seed %d", seed).isTrue();
    }

    private static List<Device> randomHost(Random random) {
        List<Device> devices = new ArrayList<>();
        for (int host = 0; host < 12; host++) {
            if (random.nextInt(3) > 0) {
                devices.add(hba(host, random.nextBoolean() ? "Online" : "Linkdown", random.nextInt(3)));
            }
        }
        return devices;
    }

    private static Map<String, Device> apply(List<Device> before, List<Payload> payloads) {
        Map<String, Device> state = byName(before);
        for (Payload payload : payloads) {
            if (payload instanceof DeviceUpserted upserted) {
                state.put(upserted.device().name(), upserted.device());
            } else if (payload instanceof DeviceRemoved removed) {
                assertThat(state.remove(removed.name())).as("removed %s existed", removed.name()).isNotNull();
            }
        }
        return state;
    }

    private static Map<String, Device> byName(List<Device> devices) {
        Map<String, Device> map = new TreeMap<>();
        devices.forEach(d -> map.put(d.name(), d));
        return map;
    }

    private static Device hba(int host, String state, int vports) {
        FcHost fc = new FcHost(new Wwn(0x2000_0000_0000_0000L + host), new Wwn(0x1000_0000_0000_0000L + host),
                Optional.of(new Wwn(0x1000_0005_1e9a_0b01L)), Optional.of(state), Optional.of("16 Gbit"));
        return new Device("scsi_host" + host, Optional.of("pci_0000_05_00_0"), Optional.empty(), Optional.of("lpfc"),
                List.of(), List.of(new ScsiHost(host, OptionalInt.of(host)), fc, new VportOps(255, vports)));
    }
}
