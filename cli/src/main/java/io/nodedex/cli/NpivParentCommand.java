package io.nodedex.cli;

import io.nodedex.json.NpivJson;
import io.nodedex.npiv.NpivAnswer;
import io.nodedex.npiv.NpivResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex npiv-parent}: which vport-capable HBA of one host should parent a new vHBA,
 * with every candidate and the reason it was accepted or rejected. Prints the same JSON as
 * {@code GET /v1/npiv/parent}.
 */
@Command(name = "npiv-parent", mixinStandardHelpOptions = true,
        description = {"Choose the NPIV parent HBA for a new vHBA on one host and explain the choice (JSON).",
            "Give at most one criterion: --parent, --parent-wwnn with --parent-wwpn, or --parent-fabric-wwn.",
            "Exit code 3 when no parent qualifies, 4 when the named parent is not vport capable."})
final class NpivParentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceSourceOptions source;

    @Option(names = "--host-id", paramLabel = "ID", defaultValue = "localhost",
            description = "The host id to print in the answer (default: ${DEFAULT-VALUE}).")
    String hostId;

    @Mixin
    ParentCriteriaOptions criteria;

    @Override
    public Integer call() {
        NpivAnswer answer = NpivResolver.resolve(criteria.request(hostId), source.read());
        JsonOutput.print(spec.commandLine().getOut(), NpivJson.toJson(answer));
        if (answer.outcome() != NpivAnswer.Outcome.FOUND) {
            spec.commandLine().getErr().println("nodedex: " + answer.message());
        }
        return switch (answer.outcome()) {
            case FOUND -> ExitCodes.OK;
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case CONFLICT -> ExitCodes.CONFLICT;
        };
    }
}
