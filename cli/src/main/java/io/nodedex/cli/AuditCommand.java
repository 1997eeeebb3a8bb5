package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.audit.Audit;
import io.nodedex.audit.Finding;
import io.nodedex.json.AuditJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
            "prints the same table or, with --json, the JSON of GET /v1/audit.",
            "With --limit N, only the first N findings are listed; the counts stay the totals."})
final class AuditCommand extends ListCommand {

    @Mixin
    HostSourcesOptions hosts;

    @Mixin
    AsOfOption asOf;

    @Override
    Map<String, String> query() {
        return asOf.addTo(Map.of());
    }

    @Override
    List<String> path() {
        return List.of("v1", "audit");
    }

    @Override
    String listField() {
        return "findings";
    }

    @Override
    public Integer call() {
        if (hosts.isEmpty()) {
            return super.call();
        }
        for (String serverOption : List.of(ClientOptions.SERVER_OPTION, "--page-size", AsOfOption.OPTION)) {
            if (spec.commandLine().getParseResult().hasMatchedOption(serverOption)) {
                throw new ParameterException(spec.commandLine(), serverOption + " asks a server, "
                        + hosts.sources().get(0) + " audits files offline: give one or the other");
            }
        }
        int most = checkedLimit();
        List<Finding> findings = Audit.of(hosts.read());
        Map<Finding.Kind, Long> counts = new EnumMap<>(Finding.Kind.class);
        findings.forEach(finding -> counts.merge(finding.kind(), 1L, Long::sum));
        print(AuditJson.findings(findings.subList(0, Math.min(most, findings.size())), counts),
                spec.commandLine().getOut());
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
        int shown = body.path("findings").size();
        int total = 0;
        for (JsonNode count : body.path("counts")) {
            total += count.asInt();
        }
        String summary = shown == 0 && total == 0 ? "no findings"
                : total + (total == 1 ? " finding: " : " findings: ") + String.join(", ", counts);
        out.println(shown < total ? "showing " + shown + " of " + summary : summary);
        JsonNode stale = body.path("staleHosts");
        if (stale.size() > 0) {
            out.println();
            TextTable silent = new TextTable("STALE HOST", "LAST SEEN");
            stale.forEach(host -> silent.row(text(host, "host"), text(host, "lastSeen")));
            silent.print(out);
            long silentHosts = body.path("staleHostCount").asLong(stale.size());
            if (silentHosts > stale.size()) {
                out.println("showing " + stale.size() + " of " + silentHosts + " stale hosts");
            }
        }
    }
}
