package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.GenericCapability;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompactedRecordsTest {

    private final CompactedRecords records = new CompactedRecords();
    private long sequence;

    private static Device device(String name) {
        return new Device(name, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(new GenericCapability("pci", List.of())));
    }

    private Event event(Payload payload) {
        return new Event(new EventHeader("hv01", 4, sequence++, Source.UDEV, Instant.EPOCH), payload);
    }

    /** Each record as "key -> payload type", tombstones as "key -> tombstone". */
    private static List<String> shown(CompactedRecords.Plan plan) {
        return plan.records().stream().map(keyed -> new String(keyed.key(), StandardCharsets.UTF_8).replace('\0', '/')
                + " -> " + keyed.event().map(e -> e.payload().getClass().getSimpleName()).orElse("tombstone"))
                .toList();
    }

    private CompactedRecords.Plan sent(Payload payload) {
        CompactedRecords.Plan plan = records.plan(event(payload));
        plan.commit();
        return plan;
    }

    @Test
    void anUpsertIsOneRecordUnderItsDevicesKey() {
        assertThat(shown(sent(new DeviceUpserted(device("pci_1"))))).containsExactly("hv01/UDEV/pci_1 -> DeviceUpserted");
    }

    @Test
    void aSnapshotTombstonesWhatItNoLongerListsThenReplacesTheSourcesSnapshot() {
        sent(new HostSnapshot(List.of(device("pci_1"), device("pci_2"))));
        sent(new DeviceUpserted(device("pci_10")));

        assertThat(shown(sent(new HostSnapshot(List.of(device("pci_2"))))))
                .containsExactly("hv01/UDEV/pci_1 -> tombstone", "hv01/UDEV/pci_10 -> tombstone",
                        "hv01/UDEV -> HostSnapshot");
    }

    @Test
    void aRemovalIsATombstoneAndASnapshotOfWhatRemainsNumberedAsTheRemoval() {
        sent(new HostSnapshot(List.of(device("pci_2"), device("pci_10"))));
        sent(new DeviceUpserted(device("pci_3")));
        Event removal = event(new DeviceRemoved("pci_10"));

        CompactedRecords.Plan plan = records.plan(removal);

        assertThat(shown(plan)).containsExactly("hv01/UDEV/pci_10 -> tombstone", "hv01/UDEV -> HostSnapshot");
        Event snapshot = plan.records().get(1).event().orElseThrow();
        assertThat(snapshot.header()).isEqualTo(removal.header());
        assertThat(((HostSnapshot) snapshot.payload()).devices()).extracting(Device::name)
                .containsExactly("pci_2", "pci_3");
    }

    @Test
    void aPlanNotCommittedIsPlannedAgainTheSameWhenTheSendIsRetried() {
        sent(new HostSnapshot(List.of(device("pci_1"), device("pci_2"))));
        Event snapshot = event(new HostSnapshot(List.of(device("pci_2"))));

        List<String> first = shown(records.plan(snapshot));

        assertThat(shown(records.plan(snapshot))).isEqualTo(first).contains("hv01/UDEV/pci_1 -> tombstone");
    }

    @Test
    void heartbeatsAreKeyedByHostAndSource() {
        assertThat(shown(sent(new Heartbeat()))).containsExactly("hv01/UDEV/ -> Heartbeat");
    }
}
