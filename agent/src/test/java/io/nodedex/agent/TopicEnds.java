package io.nodedex.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The end offsets of a topic, asked of the cluster by an admin client of the test's own. */
final class TopicEnds {

    private TopicEnds() {
    }

    /** The end offset of every partition of {@code topic}, by partition. */
    static Map<Integer, Long> of(String bootstrapServers, String topic, Map<String, Object> clientProperties)
            throws Exception {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        }
    }
}
