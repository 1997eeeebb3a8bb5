package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nodedex vhbas}: every vHBA with the parent it names and that parent's status ({@code GET /v1/vhbas}). */
@Command(name = "vhbas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List vHBAs with their parent HBA and whether that parent is fine",
            "(ok, none, missing, not_vport_capable)."})
final class VhbasCommand extends ListCommand {

    @Option(names = "--host", paramLabel = "HOST", description = "Only this host's vHBAs.")
    Optional<String> host;

    @Mixin
    AsOfOption asOf;

    @Override
    String listField() {
        return "vhbas";
    }

    @Override
    List<String> path() {
        return List.of("v1", "vhbas");
    }

    @Override
    Map<String, String> query() {
        return asOf.addTo(host.map(h -> Map.of("host", h)).orElse(Map.of()));
    }

    @Override
    void printTable(JsonNode body, PrintWriter out) {
        TextTable table = new TextTable("HOST", "VHBA", "WWPN", "FABRIC", "PARENT", "PARENT STATUS");
        for (JsonNode assignment : body.path("vhbas")) {
            FcDevice vhba = FcDevice.of(assignment.path("vhba"));
            JsonNode parent = assignment.path("parent");
            table.row(text(assignment, "host"), vhba.name(), vhba.wwpn(), vhba.fabric(), text(parent, "name"),
                    text(parent, "status"));
        }
        table.print(out);
    }
}
