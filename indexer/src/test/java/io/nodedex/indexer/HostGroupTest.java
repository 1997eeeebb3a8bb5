package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Source;
import io.nodedex.event.kafka.EventKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a poll's records are shared out between the hosts folded on the workers. */
class HostGroupTest {

    private static final TopicPartition FIRST = new TopicPartition("events", 0);
    private static final TopicPartition SECOND = new TopicPartition("events", 1);

    @Test
    void recordsGoToTheHostTheirKeyNamesInLogOrderAndHostsInTheOrderFirstSeen() {
        ConsumerRecord<byte[], byte[]> aSnapshot = record(FIRST, 0, EventKey.snapshot("host-a", Source.LIBVIRT));
        ConsumerRecord<byte[], byte[]> bDevice = record(FIRST, 1, EventKey.device("host-b", Source.UDEV, "sda"));
        ConsumerRecord<byte[], byte[]> aHeartbeat = record(FIRST, 2, EventKey.device("host-a", Source.UDEV, ""));
        ConsumerRecord<byte[], byte[]> cRetired = record(SECOND, 0, EventKey.host("host-c"));
        ConsumerRecord<byte[], byte[]> aEnrolment = record(SECOND, 1, EventKey.enrolment("host-a"));

        List<HostGroup> hosts = HostGroup.of(poll(Map.of(FIRST, List.of(aSnapshot, bDevice, aHeartbeat),
                SECOND, List.of(cRetired, aEnrolment))), HostKeys.FARM_HASH);

        assertThat(hosts).containsExactly(
                new HostGroup(HostKeys.FARM_HASH.keyOf("host-a"), List.of(aSnapshot, aHeartbeat, aEnrolment)),
                new HostGroup(HostKeys.FARM_HASH.keyOf("host-b"), List.of(bDevice)),
                new HostGroup(HostKeys.FARM_HASH.keyOf("host-c"), List.of(cRetired)));
        assertThat(HostGroup.keys(hosts)).containsExactlyInAnyOrder(HostKeys.FARM_HASH.keyOf("host-a"),
                HostKeys.FARM_HASH.keyOf("host-b"), HostKeys.FARM_HASH.keyOf("host-c"));
    }

    @Test
    void recordsWithoutAKeyGoToTheEmptyIdWhereDecodingRefusesThem() {
        ConsumerRecord<byte[], byte[]> unkeyed = record(FIRST, 0, null);
        ConsumerRecord<byte[], byte[]> keyed = record(FIRST, 1, EventKey.host("host-a"));

        assertThat(HostGroup.of(poll(Map.of(FIRST, List.of(unkeyed, keyed))), HostKeys.FARM_HASH)).containsExactly(
                new HostGroup(HostKeys.FARM_HASH.keyOf(""), List.of(unkeyed)),
                new HostGroup(HostKeys.FARM_HASH.keyOf("host-a"), List.of(keyed)));
    }

    @Test
    void hostsWhoseIdsShareAKeyShareAHostSoThatTheSecondIsFoundAColliding() {
        ConsumerRecord<byte[], byte[]> a = record(FIRST, 0, EventKey.host("host-a"));
        ConsumerRecord<byte[], byte[]> b = record(SECOND, 0, EventKey.host("host-b"));

        assertThat(HostGroup.of(poll(Map.of(FIRST, List.of(a), SECOND, List.of(b))), hostId -> 7L))
                .containsExactly(new HostGroup(7L, List.of(a, b)));
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, byte[] key) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, new byte[] {1});
    }

    /** A poll with the partitions in order: first, then second. */
    private static ConsumerRecords<byte[], byte[]> poll(
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> ordered = new LinkedHashMap<>();
        for (TopicPartition partition : List.of(FIRST, SECOND)) {
            if (records.containsKey(partition)) {
                ordered.put(partition, records.get(partition));
            }
        }
        return new ConsumerRecords<>(ordered, Map.of());
    }
}
