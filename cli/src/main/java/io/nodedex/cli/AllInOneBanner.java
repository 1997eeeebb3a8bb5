package io.nodedex.cli;

import io.nodedex.testkit.fleet.Fleet;
import io.nodedex.testkit.fleet.FleetFiles;
import io.nodedex.testkit.fleet.Showcase;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code nodedex all-in-one} prints once ready: the URL and example commands that work
 * against the simulated fleet, using what the generator planted ({@link Showcase}).
 */
final class AllInOneBanner {

    private AllInOneBanner() {
    }

    static String text(URI url, Fleet fleet, FleetFiles files, Path dataDirectory, Optional<Path> tlsCertificate) {
        Showcase show = fleet.showcase();
        String host = show.host();
        String fabric = show.fabric().toString();
        String cli = "./nodedex";
        StringBuilder text = new StringBuilder();
        text.append("nodedex all-in-one is ready: ").append(url).append(" (").append(fleet.hosts().size())
                .append(" simulated hosts; data in ").append(dataDirectory).append(")\n\n");
        text.append("The web page: open ").append(url).append("/ in a browser\n\n");
        if (!url.toString().equals(ClientOptions.DEFAULT_SERVER)) {
            text.append("The CLI's default server is ").append(ClientOptions.DEFAULT_SERVER).append(": first run\n")
                    .append("  export ").append(ClientOptions.SERVER_VARIABLE).append('=').append(url).append("\n\n");
        }
        tlsCertificate.ifPresent(certificate -> text.append("HTTPS with the certificate ").append(certificate)
                .append(": give curl --cacert ").append(certificate).append(" and the CLI --ca-cert ")
                .append(certificate).append("\n\n"));
        text.append("Try, in another terminal (from the project's directory):\n");
        line(text, "curl " + url + "/v1/hosts", "the API: every host, by id");
        line(text, "curl '" + url + "/v1/npiv/parent?host=" + host + "&parentFabricWwn=" + fabric + "'",
                "which HBA of " + host + " should parent a new vHBA on fabric " + fabric + "?");
        line(text, cli + " parent --host " + host + " --parent-fabric-wwn " + fabric,
                "the same from the CLI: " + show.lowestWwpnParent()
                        + ", as the lowest WWPN is Linkdown (sysfs says so)");
        line(text, cli + " parent --host " + host + " --parent-fabric-wwn " + fabric + " --policy most-free",
                "the HBA with the most free vports: " + show.mostFreeParent());
        line(text, cli + " parent --host " + host + " --parent-fabric-wwn " + show.fullFabric(),
                "no room on that fabric: exit code 3");
        line(text, cli + " parent --host " + host + " --parent " + show.vhba(),
                "a vHBA cannot be a parent: exit code 4");
        line(text, cli + " lookup wwpn " + show.duplicateWwpn(),
                "who has this WWPN? " + String.join(" and ", show.duplicateHosts()) + ": a conflict");
        line(text, cli + " lookup fabric " + fabric, "every HBA and vHBA on a fabric");
        line(text, cli + " vhbas --host " + host, "vHBAs and their parents");
        line(text, cli + " audit", "the duplicate WWPN, and " + show.miscountedParent() + "'s vport counter");
        line(text, cli + " hosts --json", "any command with --json: the server's JSON, for scripts");
        line(text, "echo Linkdown > " + files.sysfsRoot(host).resolve("class/fc_host/host"
                + show.lowestWwpnParent().substring("scsi_host".length())).resolve("port_state"),
                "the hosts are files: change one, and its agent publishes it within "
                        + AllInOne.RESCAN_INTERVAL.toSeconds() + " s");
        text.append("\nCtrl-C stops everything; the same command resumes on the same data (delete ")
                .append(dataDirectory).append(" to start afresh).\n");
        return text.toString();
    }

    /** A comment line, then the command: both can be pasted into a shell. */
    private static void line(StringBuilder text, String command, String comment) {
        text.append("  # ").append(comment).append("\n  ").append(command).append('\n');
    }
}
