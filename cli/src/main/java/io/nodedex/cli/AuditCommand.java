package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code nodedex audit}: what is wrong with the fleet's WWNs, fabrics and vports ({@code GET /v1/audit}). */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the inventory for WWPN conflicts and vHBA/parent inconsistencies.",
            "Finds duplicate WWPNs, vHBAs without a parent, parents over capacity,",
            "vHBAs on another fabric than their parent, and vport counters that",
            "disagree with the vHBAs."})
final class AuditCommand extends ClientCommand {

    @Override
    List<String> path() {
        return List.of("v1", "audit");
    }

    @Override
    void printTable(JsonNode body, PrintWriter out) {
        TextTable table = new TextTable("KIND", "FINDING");
        body.path("findings").forEach(finding -> table.row(text(finding, "kind"), text(finding, "message")));
        table.print(out);
        List<String> counts = new ArrayList<>();
        body.path("counts").fields().forEachRemaining(count -> {
            if (count.getValue().asInt() > 0) {
                counts.add(count.getValue().asInt() + " " + count.getKey());
            }
        });
        int total = body.path("findings").size();
        out.println(total == 0 ? "no findings" : total + (total == 1 ? " finding: " : " findings: ")
                + String.join(", ", counts));
    }
}
