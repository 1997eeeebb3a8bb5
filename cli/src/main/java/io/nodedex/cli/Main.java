package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nodedex} command: the all-in-one stack, API client commands, offline tools over
 * libvirt XML and sysfs trees, and the long-running parts (agent, indexer, query API).
 */
@Command(name = "nodedex",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Datacenter-wide node-device inventory: HBAs, WWNs, fabrics and NPIV parents.",
        subcommands = {AllInOneCommand.class, HostsCommand.class, LookupCommand.class, ParentCommand.class,
            VhbasCommand.class, AuditCommand.class, DevicesCommand.class, NpivParentCommand.class, AgentCommand.class,
            IndexerCommand.class, ServeCommand.class, TopicsCommand.class, HostCommand.class, KeysCommand.class,
            StateDigestCommand.class, FleetCommand.class, HistoryCommand.class, WatchCommand.class,
            WaitCommand.class, VhbaCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure",
            "2:bad input (usage, malformed WWN, unreadable XML or sysfs)",
            "3:not found (no such host or device, no NPIV parent qualifies)",
            "4:conflict (e.g. the named parent is not vport capable)",
            "5:server unavailable or not ready",
            "6:refused by the server: no token or an unknown one (401), or a role without the right (403)",
            "7:nodedex wait timed out",
            "8:the change feed no longer holds the changes after the cursor given (410): watch from now"})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Main::handleFailure);
        commandLine.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("nodedex: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCodes.BAD_INPUT;
        });
        return commandLine.execute(args);
    }

    private static int handleFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult result) {
        if (e instanceof InvalidInputException) {
            commandLine.getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        commandLine.getErr().println("nodedex: unexpected failure: " + e);
        if (System.getenv("NODEDEX_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return ExitCodes.FAILURE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nodedex " + (version == null ? "(development build)" : version)};
        }
    }
}
