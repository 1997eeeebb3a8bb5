package io.nodedex.cli;

import picocli.CommandLine.Command;

/** {@code nodedex host}: a host's lifecycle in the event log. */
@Command(name = "host", mixinStandardHelpOptions = true,
        subcommands = {HostKeyCommand.class, HostEnrollCommand.class, HostResetCommand.class, HostRetireCommand.class},
        description = "Manage a host's lifecycle in the event log.")
final class HostCommand {
}
