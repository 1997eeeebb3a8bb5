package io.nodedex.cli;

import io.nodedex.json.NpivJson;
import io.nodedex.npiv.NpivAnswer;
import io.nodedex.npiv.NpivRequest;
import io.nodedex.npiv.NpivResolver;
import java.util.Optional;
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

    @Option(names = "--parent", paramLabel = "NAME", description = "The parent's device name, e.g. scsi_host5.")
    Optional<String> parent;

    @Option(names = "--parent-wwnn", paramLabel = "WWN", description = "The parent's node name (with --parent-wwpn).")
    Optional<String> parentWwnn;

    @Option(names = "--parent-wwpn", paramLabel = "WWN", description = "The parent's port name (with --parent-wwnn).")
    Optional<String> parentWwpn;

    @Option(names = "--parent-fabric-wwn", paramLabel = "WWN", description = "The fabric the parent must be logged into.")
    Optional<String> parentFabricWwn;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "lowest-wwpn (default): lowest parent WWPN first; most-free: most free vports first.")
    Optional<String> policy;

    @Override
    public Integer call() {
        NpivRequest request = NpivRequest.of(Optional.of(hostId), parent, parentWwnn, parentWwpn,
                parentFabricWwn, policy);
        NpivAnswer answer = NpivResolver.resolve(request, source.read());
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
