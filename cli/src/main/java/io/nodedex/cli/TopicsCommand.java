package io.nodedex.cli;

import io.nodedex.event.kafka.EventTopics;
import io.nodedex.event.kafka.TopicSetup;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex topics}: creates the event log's topics on a cluster as nodedex needs them, or
 * checks the ones that exist ({@link TopicSetup}).
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create the event log's topics, or check the ones that exist.",
            "The events topic is compacted (its bytes grow with the fleet, not its age); the dead-letter",
            "topic keeps 30 days. 3 copies and min.insync.replicas=2 where the cluster has 3 brokers."})
final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + EventTopics.EVENT_PARTITIONS,
            description = "Partitions of a new events topic: at most as many replicas share the work (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() {
        EventTopics topics = EventTopics.named(log.topic).withEventPartitions(partitions);
        KafkaAccess kafka = log.access();
        try (Admin admin = kafka.admin("nodedex-topics")) {
            List<String> warnings = new TopicSetup(admin).ensure(topics);
            warnings.forEach(warning -> spec.commandLine().getErr().println("nodedex: warning: " + warning));
            spec.commandLine().getOut().printf("topics ready: %s (%d partitions, compacted), %s%n",
                    topics.events().name(), topics.events().partitions(), topics.deadLetters().name());
            return ExitCodes.OK;
        } catch (TopicSetup.IncompatibleTopicException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.CONFLICT;
        } catch (IllegalStateException | KafkaException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
    }
}
