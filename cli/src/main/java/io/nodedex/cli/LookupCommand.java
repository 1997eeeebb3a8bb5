package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nodedex lookup wwpn|fabric WWN}: datacenter-wide lookups by WWN. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Find HBAs and vHBAs datacenter-wide by WWN.",
        subcommands = {LookupCommand.Wwpn.class, LookupCommand.Fabric.class})
final class LookupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to look up: wwpn WWN or fabric WWN");
    }

    /** {@code GET /v1/wwpn/{wwn}}: which host owns a WWPN; more than one owner is reported as a conflict. */
    @Command(name = "wwpn", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Every HBA or vHBA with this port name (WWPN), on any host.",
                "More than one is a conflict: it is listed, and said on standard error (exit code 0)."})
    static final class Wwpn extends ListCommand {

        @Parameters(paramLabel = "WWPN", description = "16 hex digits, optionally with 0x, either case.")
        String wwpn;

        @Mixin
        AsOfOption asOf;

        @Override
        List<String> path() {
            return List.of("v1", "wwpn", wwpn);
        }

        @Override
        Map<String, String> query() {
            return asOf.addTo(Map.of());
        }

        @Override
        String listField() {
            return "matches";
        }

        @Override
        void printTable(JsonNode body, PrintWriter out) {
            TextTable table = new TextTable("HOST", "DEVICE", "ROLE", "WWNN", "FABRIC", "STATE", "PARENT");
            for (JsonNode match : body.path("matches")) {
                FcDevice device = FcDevice.of(match.path("device"));
                table.row(text(match, "host"), device.name(), device.role(), device.wwnn(), device.fabric(),
                        device.portState(), device.parent());
            }
            table.print(out);
        }

        @Override
        Optional<String> warning(ApiClient.Answer answer) {
            return answer.body().path("conflict").asBoolean() ? Optional.of(text(answer.body(), "message"))
                    : super.warning(answer);
        }
    }

    /** {@code GET /v1/fabrics/{wwn}}: every HBA and vHBA logged into a fabric, with free vports per HBA. */
    @Command(name = "fabric", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every HBA and vHBA on this fabric, on any host, with the free vports of each HBA.")
    static final class Fabric extends ListCommand {

        @Parameters(paramLabel = "FABRIC_WWN", description = "16 hex digits, optionally with 0x, either case.")
        String fabric;

        @Mixin
        AsOfOption asOf;

        @Override
        List<String> path() {
            return List.of("v1", "fabrics", fabric);
        }

        @Override
        Map<String, String> query() {
            return asOf.addTo(Map.of());
        }

        @Override
        String listField() {
            return "members";
        }

        @Override
        void printTable(JsonNode body, PrintWriter out) {
            TextTable table = new TextTable("HOST", "DEVICE", "ROLE", "WWPN", "STATE", "PARENT", "FREE VPORTS");
            for (JsonNode member : body.path("members")) {
                FcDevice device = FcDevice.of(member.path("device"));
                table.row(text(member, "host"), device.name(), device.role(), device.wwpn(), device.portState(),
                        "vhba".equals(device.role()) ? device.parent() : "", device.freeVports());
            }
            table.print(out);
        }
    }
}
