package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.npiv.NpivRequest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nodedex parent}: the NPIV parent for a new vHBA on a host, as the server resolves it over
 * the host's live devices ({@code GET /v1/npiv/parent}); {@code npiv-parent} is its offline twin.
 */
@Command(name = "parent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Choose the NPIV parent HBA for a new vHBA on a host, from the inventory,",
            "and explain the choice.",
            "Give at most one criterion: --parent, --parent-wwnn with --parent-wwpn, or --parent-fabric-wwn.",
            "Exit code 3 when no parent qualifies, 4 when the named parent is not vport capable."})
final class ParentCommand extends ClientCommand {

    @Option(names = "--host", paramLabel = "HOST", required = true, description = "The host id, e.g. hv01.")
    String host;

    @Option(names = "--parent", paramLabel = "NAME", description = "The parent's device name, e.g. scsi_host5.")
    Optional<String> parent;

    @Option(names = "--parent-wwnn", paramLabel = "WWN", description = "The parent's node name (with --parent-wwpn).")
    Optional<String> parentWwnn;

    @Option(names = "--parent-wwpn", paramLabel = "WWN", description = "The parent's port name (with --parent-wwnn).")
    Optional<String> parentWwpn;

    @Option(names = "--parent-fabric-wwn", paramLabel = "WWN",
            description = "The fabric the parent must be logged into.")
    Optional<String> parentFabricWwn;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "lowest-wwpn (default): lowest parent WWPN first; most-free: most free vports first.")
    Optional<String> policy;

    @Override
    List<String> path() {
        return List.of("v1", "npiv", "parent");
    }

    @Override
    Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(NpivRequest.HOST, host);
        parent.ifPresent(value -> query.put(NpivRequest.PARENT, value));
        parentWwnn.ifPresent(value -> query.put(NpivRequest.PARENT_WWNN, value));
        parentWwpn.ifPresent(value -> query.put(NpivRequest.PARENT_WWPN, value));
        parentFabricWwn.ifPresent(value -> query.put(NpivRequest.PARENT_FABRIC_WWN, value));
        policy.ifPresent(value -> query.put(NpivRequest.POLICY, value));
        return query;
    }

    @Override
    void printTable(JsonNode body, PrintWriter out) {
        JsonNode chosen = body.path("parent");
        out.println(chosen.isObject()
                ? "parent: " + text(chosen, "name") + " on " + text(body, "host") + " (wwnn " + text(chosen, "wwnn")
                        + ", wwpn " + text(chosen, "wwpn") + ", fabric " + text(chosen, "fabricWwn") + ", "
                        + text(chosen, "freeVports") + " of " + text(chosen, "maxVports") + " vports free)"
                : "parent: none on " + text(body, "host"));
        out.println("criteria: " + text(body, "criteria") + ", policy: " + text(body, "policy"));
        TextTable table = new TextTable("CANDIDATE", "ACCEPTED", "REASON");
        for (JsonNode candidate : body.path("candidates")) {
            table.row(text(candidate, "name"), candidate.path("accepted").asBoolean() ? "yes" : "no",
                    text(candidate, "reason"));
        }
        table.print(out);
    }
}
