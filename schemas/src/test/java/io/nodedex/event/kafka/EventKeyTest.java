package io.nodedex.event.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.device.GenericCapability;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import java.time.Duration;
import io.nodedex.event.HostRetired;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventKeyTest {

    private static final Device NIC = new Device("net_eth0", Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(), List.of(new GenericCapability("net", List.of())));

    private static Event from(String hostId, Source source, Payload payload) {
        return new Event(new EventHeader(hostId, 1, 0, source, Instant.EPOCH), payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDevicesRecordsAreKeyedByHostSourceAndDeviceName() {
        assertThat(EventKey.of(from("hv042", Source.UDEV, new DeviceUpserted(NIC))))
                .isEqualTo(bytes("hv042\0UDEV\0net_eth0"));
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new DeviceRemoved("scsi_host3"))))
                .isEqualTo(bytes("hv042\0LIBVIRT\0scsi_host3"))
                .isEqualTo(EventKey.device("hv042", Source.LIBVIRT, "scsi_host3"));
    }

    @Test
    void aSnapshotIsKeyedByHostAndSource() {
        assertThat(EventKey.of(from("hôte", Source.LIBVIRT, new HostSnapshot(List.of(NIC)))))
                .containsExactly(0x68, 0xc3, 0xb4, 0x74, 0x65, 0, 'L', 'I', 'B', 'V', 'I', 'R', 'T');
    }

    @Test
    void aHeartbeatIsKeyedByHostAndSourceAndARetirementByTheHostAlone() {
        assertThat(EventKey.of(from("hv042", Source.UDEV, new Heartbeat()))).isEqualTo(bytes("hv042\0UDEV\0"));
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new HostRetired()))).isEqualTo(bytes("hv042"))
                .isEqualTo(EventKey.host("hv042"));
    }

    @Test
    void anEnrolmentAndAResetHaveKeysOfTheirOwnThatNoSourcesKeyCanBe() {
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new HostEnrolled(PublicSigningKey.ofBase64("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")))))
                .isEqualTo(bytes("hv042\0\0enrolment")).isEqualTo(EventKey.enrolment("hv042"));
        assertThat(EventKey.of(from("hv042", Source.UDEV, new HostReset()))).isEqualTo(bytes("hv042\0\0reset"));
    }

    @Test
    void eachVhbaRecordHasAKeyOfItsOwnPerRequest() {
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new VhbaRequested("r-1", Criteria.any(),
                ParentPolicy.LOWEST_WWPN, Optional.empty(), Optional.empty()))))
                .isEqualTo(bytes("hv042\0\0request\0r-1")).isEqualTo(EventKey.request("hv042", "r-1"));
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new VhbaDeleteRequested("r-2", "scsi_host12"))))
                .isEqualTo(bytes("hv042\0\0request\0r-2"));
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new VhbaOutcome("r-1", VhbaOutcome.Result.DONE,
                Optional.of("scsi_host12"), "created")))).isEqualTo(bytes("hv042\0\0outcome\0r-1"));
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new VhbaRequestExpired("r-1", Duration.ofMinutes(2)))))
                .isEqualTo(bytes("hv042\0\0expired\0r-1"));
        assertThat(EventKey.of(from("hv042", Source.LIBVIRT, new VhbaCommand("r-1", VhbaCommand.Action.DESTROY,
                "scsi_host12", Optional.empty(), Optional.empty(), Instant.EPOCH))))
                .isEqualTo(bytes("hv042\0\0command\0r-1"));
    }

    @Test
    void theHostIdIsTheKeysFirstPart() {
        assertThat(EventKey.hostOf(bytes("hv042\0UDEV\0net_eth0"))).isEqualTo("hv042");
        assertThat(EventKey.hostOf(bytes("hv042"))).isEqualTo("hv042");
    }

    @Test
    void everyRecordOfAHostGoesToThePartitionKafkaWouldPickForTheHostIdAsKey() {
        // murmur2("hv042") & 0x7fffffff, as Kafka's default partitioner computes it for key "hv042"
        int expected = org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(bytes("hv042"))) % 12;
        assertThat(EventKey.partition("hv042", 12)).isEqualTo(expected).isBetween(0, 11);
        assertThat(EventKey.partition("hv042", 1)).isZero();
    }

    @Test
    void aRecordKeyedAsItsEventMatches() {
        Event upsert = from("hv042", Source.UDEV, new DeviceUpserted(NIC));

        assertThat(EventKey.mismatch(Optional.of(bytes("hv042\0UDEV\0net_eth0")), upsert)).isEmpty();
    }

    @Test
    void anotherKeyIsAMismatchNamingBoth() {
        Event upsert = from("hv042", Source.UDEV, new DeviceUpserted(NIC));

        assertThat(EventKey.mismatch(Optional.of(bytes("hv043")), upsert))
                .contains("record key 'hv043' is not the key of hv042's DeviceUpserted ('hv042/UDEV/net_eth0')");
        assertThat(EventKey.mismatch(Optional.of(bytes("hv042")), upsert)).isPresent();
    }

    @Test
    void aRecordWithoutAKeyIsAMismatch() {
        assertThat(EventKey.mismatch(Optional.empty(), from("hv042", Source.UDEV, new Heartbeat())))
                .contains("record key none is not the key of hv042's Heartbeat ('hv042/UDEV/')");
    }

    @Test
    void theSameHostIdInAnotherEncodingIsAMismatch() {
        byte[] latin1 = {0x68, (byte) 0xf4, 0x74, 0x65};

        assertThat(EventKey.mismatch(Optional.of(latin1), from("hôte", Source.UDEV, new Heartbeat()))).isPresent();
    }
}
