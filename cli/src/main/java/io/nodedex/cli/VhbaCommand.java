package io.nodedex.cli;

import picocli.CommandLine.Command;

/** {@code nodedex vhba}: create and destroy vHBAs through the server (docs/design.md, "Decisions are events"). */
@Command(name = "vhba", mixinStandardHelpOptions = true,
        subcommands = {VhbaCreateCommand.class, VhbaDeleteCommand.class},
        description = "Create or destroy a vHBA on a host: the server reserves a vport, the host's agent does it.")
final class VhbaCommand {
}
