package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ParentCriteriaOptions criteria;

    @Mixin
    AsOfOption asOf;

    @Override
    List<String> path() {
        return List.of("v1", "npiv", "parent");
    }

    @Override
    Map<String, String> query() {
        return asOf.addTo(criteria.query(host));
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
