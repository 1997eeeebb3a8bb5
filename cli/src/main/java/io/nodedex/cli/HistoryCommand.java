package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex history wwpn|device}: the history the server keeps (docs/design.md, "History is
 * state"), oldest first, every page followed ({@link ListCommand}).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "What a device was, or who held a WWPN, over time (within the server's history retention).",
        subcommands = {HistoryCommand.Wwpn.class, HistoryCommand.Device.class})
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say whose history: wwpn WWPN or device --host HOST NAME");
    }

    /** {@code GET /v1/wwpn/{wwn}/history}: which host and device held a WWPN, from when to when. */
    @Command(name = "wwpn", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Which HBA or vHBA of which host held this port name (WWPN), from when to when.")
    static final class Wwpn extends ListCommand {

        @Parameters(paramLabel = "WWPN", description = "16 hex digits, optionally with 0x, either case.")
        String wwpn;

        @Override
        List<String> path() {
            return List.of("v1", "wwpn", wwpn, "history");
        }

        @Override
        String listField() {
            return "holders";
        }

        @Override
        void printTable(JsonNode body, PrintWriter out) {
            TextTable table = new TextTable("HOST", "DEVICE", "FROM", "TO");
            for (JsonNode holder : body.path("holders")) {
                table.row(text(holder, "host"), text(holder, "name"), text(holder, "from"), to(holder));
            }
            table.print(out);
        }
    }

    /** {@code GET /v1/hosts/{host}/devices/{name}/history}: every version of one device. */
    @Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every version of one device of one host, from when to when, and when it went.")
    static final class Device extends ListCommand {

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "The host id.")
        String host;

        @Parameters(paramLabel = "NAME", description = "The libvirt device name, e.g. scsi_host5.")
        String name;

        @Override
        List<String> path() {
            return List.of("v1", "hosts", host, "devices", name, "history");
        }

        @Override
        String listField() {
            return "versions";
        }

        @Override
        void printTable(JsonNode body, PrintWriter out) {
            TextTable table = new TextTable("FROM", "TO", "STATE", "WWPN", "FABRIC", "PARENT", "CHANGED");
            for (JsonNode version : body.path("versions")) {
                if (version.path("removed").asBoolean()) {
                    table.row(text(version, "from"), to(version), "removed", "", "", "", "");
                } else {
                    FcDevice device = FcDevice.of(version.path("device"));
                    table.row(text(version, "from"), to(version), "present", device.wwpn(), device.fabric(),
                            device.parent(), changed(version));
                }
            }
            table.print(out);
        }
    }

    /**
     * What a version changed, as the server says: each field {@code old→new} ({@code +new},
     * {@code -old} for a field that came or went), {@code added} for an appearance, empty when not
     * known (the oldest version kept).
     */
    private static String changed(JsonNode version) {
        if (!"changed".equals(version.path("change").asText())) {
            return version.path("change").asText("");
        }
        List<String> fields = new java.util.ArrayList<>();
        for (JsonNode field : version.path("fields")) {
            String from = ClientCommand.text(field, "from");
            String to = ClientCommand.text(field, "to");
            fields.add(field.path("field").asText() + " " + (from.isEmpty() ? "+" + to
                    : to.isEmpty() ? "-" + from : from + "→" + to));
        }
        return String.join(", ", fields);
    }

    /** The end of a version or holding; {@code now} while it lasts. */
    private static String to(JsonNode item) {
        return item.has("to") ? ClientCommand.text(item, "to") : "now";
    }
}
