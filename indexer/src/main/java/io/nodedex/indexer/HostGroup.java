package io.nodedex.indexer;

import io.nodedex.event.kafka.EventKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one poll that name one host key: those whose record key starts with a host id
 * of that key ({@link EventKey#hostOf}), in log order. A record is folded only when its key is its
 * event's own ({@link RecordDecoder} refuses it otherwise), so every event a group folds has the
 * group's host key, and different groups can be folded concurrently. Records without a key fall
 * in the group of the empty id, and are refused.
 *
 * @param hostKey the host key ({@link HostKeys}) of the host id the records' keys name
 * @param records the records, in the poll's order
 */
record HostGroup(long hostKey, List<ConsumerRecord<byte[], byte[]>> records) {

    /** The poll's records by host key: groups in the order first seen, partition by partition. */
    static List<HostGroup> of(ConsumerRecords<byte[], byte[]> poll, HostKeys hostKeys) {
        Map<Long, List<ConsumerRecord<byte[], byte[]>>> groups = new LinkedHashMap<>();
        for (TopicPartition partition : poll.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : poll.records(partition)) {
                String hostId = record.key() == null ? "" : EventKey.hostOf(record.key());
                groups.computeIfAbsent(hostKeys.keyOf(hostId), key -> new ArrayList<>()).add(record);
            }
        }
        List<HostGroup> hosts = new ArrayList<>(groups.size());
        groups.forEach((hostKey, records) -> hosts.add(new HostGroup(hostKey, records)));
        return hosts;
    }

    /** The host keys of {@code groups}. */
    static Set<Long> keys(List<HostGroup> groups) {
        return groups.stream().map(HostGroup::hostKey).collect(Collectors.toUnmodifiableSet());
    }
}
