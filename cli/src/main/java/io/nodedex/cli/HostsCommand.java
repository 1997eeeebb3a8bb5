package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nodedex hosts}: every host the server knows ({@code GET /v1/hosts}). */
@Command(name = "hosts", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List every host in the inventory, by id, with when its agent was last heard from.")
final class HostsCommand extends ListCommand {

    @Mixin
    AsOfOption asOf;

    @Override
    Map<String, String> query() {
        return asOf.addTo(Map.of());
    }

    @Override
    String listField() {
        return "hosts";
    }

    @Override
    List<String> path() {
        return List.of("v1", "hosts");
    }

    @Override
    void printTable(JsonNode body, PrintWriter out) {
        TextTable table = new TextTable("HOST", "LAST SEEN");
        body.path("hosts").forEach(host -> table.row(text(host, "host"), text(host, "lastSeen")));
        table.print(out);
    }
}
