package io.nodedex.agent;

import io.nodedex.event.signing.PublicSigningKey;
import java.util.Objects;

/**
 * What a {@link CommandRunner} needs.
 *
 * @param hostId the host: only commands for it are carried out
 * @param kafka the cluster and the events topic, where outcomes go
 * @param commandsTopic the commands topic ({@code EventTopics.commands()})
 * @param commandKey the API servers' command key: only commands it signed are carried out
 * @param stateDirectory where the runner keeps its position in the commands topic and the ids of
 *     the requests it carried out (the agent's state directory)
 * @param executor what carries commands out
 */
public record CommandRunnerConfig(String hostId, KafkaSettings kafka, String commandsTopic,
        PublicSigningKey commandKey, java.nio.file.Path stateDirectory, VhbaExecutor executor) {

    public CommandRunnerConfig {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(commandsTopic, "commandsTopic");
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(executor, "executor");
    }
}
