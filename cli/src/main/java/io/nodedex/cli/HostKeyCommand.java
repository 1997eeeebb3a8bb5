package io.nodedex.cli;

import io.nodedex.agent.Agent;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex host key --state-dir DIR}: prints the public key of the host whose agent keeps its
 * state in DIR (PEM), creating the key pair there if the agent has not yet; the key an
 * administrator enrols with {@code nodedex host enroll}.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"Print this host's public key (PEM), to be enrolled with `nodedex host enroll`.",
            "Creates the agent's key pair in the state directory if it has none yet, as the agent does on its first"
            + " start; run it as the agent's user."})
final class HostKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = AgentCommand.DEFAULT_STATE_DIR,
            description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(Agent.publicKey(stateDir).pem());
        return ExitCodes.OK;
    }
}
