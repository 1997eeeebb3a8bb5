package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.audit.Audit;
import io.nodedex.json.AuditJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * {@code nodedex audit}: what is wrong with the fleet's WWNs, fabrics and vports
 * ({@code GET /v1/audit}). Given host sources, it audits those hosts' files offline instead and
 * prints the same table, or with {@code --json} exactly the JSON the server would answer for
 * those hosts ({@link AuditJson}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the inventory for WWPN conflicts and vHBA/parent inconsistencies.",
            "Finds duplicate WWPNs, vHBAs without a parent, parents over capacity,",
            "vHBAs on another fabric than their parent, and vport counters that",
            "disagree with the vHBAs.",
            "Given host sources (--test-driver-xml, --libvirt-xml, --sysfs: repeatable,",
            "one per host), it audits those hosts' files offline, without a server, and",
            "prints the same table or, with --json, the JSON of GET /v1/audit."})
final class AuditCommand extends ClientCommand {

    @Mixin
    HostSourcesOptions hosts;

    @Override
    List<String> path() {
        return List.of("v1", "audit");
    }

    @Override
    public Integer call() {
        if (hosts.isEmpty()) {
            return super.call();
        }
        if (spec.commandLine().getParseResult().hasMatchedOption(ClientOptions.SERVER_OPTION)) {
            throw new ParameterException(spec.commandLine(), ClientOptions.SERVER_OPTION + " asks a server, "
                    + hosts.sources().get(0) + " audits files offline: give one or the other");
        }
        print(AuditJson.findings(Audit.of(hosts.read())), spec.commandLine().getOut());
        return ExitCodes.OK;
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
