package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import io.nodedex.testkit.fleet.Fleet;
import io.nodedex.testkit.fleet.FleetFiles;
import io.nodedex.testkit.fleet.FleetGenerator;
import io.nodedex.testkit.fleet.SimulatedHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex fleet}: writes the simulated fleet of all-in-one ({@link FleetGenerator},
 * {@link FleetFiles}) to a directory, so that agents in other processes or containers can each
 * read one host, and prints each host's agent options. Writes only into an empty or missing
 * directory; a directory holding the same fleet is kept as it is (with any edits), so the command
 * can run again on every start of a deployment.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a simulated fleet's host files (as all-in-one does) for agents run elsewhere.",
            "Per host: DIR/hvNN.xml (libvirt's test driver: test:///DIR/hvNN.xml) and DIR/hvNN/sys (a sysfs tree).",
            "Prints one line per host: the options of `nodedex agent` that read it.",
            "A directory already holding this fleet is kept as it is."})
final class FleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write the fleet: a missing or empty directory, or one holding the same fleet.")
    Path out;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "24",
            description = "How many hosts, " + FleetGenerator.MIN_HOSTS + " to " + FleetGenerator.MAX_HOSTS
                    + " (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "The fleet's seed: the same seed gives the same fleet, down to every WWN (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (hosts < FleetGenerator.MIN_HOSTS || hosts > FleetGenerator.MAX_HOSTS) {
            throw new InvalidInputException("--hosts " + hosts + ": a fleet has " + FleetGenerator.MIN_HOSTS + " to "
                    + FleetGenerator.MAX_HOSTS + " hosts");
        }
        Path directory = out.toAbsolutePath().normalize();
        Fleet fleet = FleetGenerator.generate(seed, hosts);
        boolean kept = holdsThisFleet(directory);
        FleetFiles files = kept ? new FleetFiles(directory) : FleetFiles.write(fleet, directory);
        PrintWriter stdout = spec.commandLine().getOut();
        for (SimulatedHost host : fleet.hosts()) {
            stdout.println("--host-id " + host.id() + " --libvirt-uri " + files.libvirtUri(host.id()) + " --sysfs "
                    + files.sysfsRoot(host.id()));
        }
        spec.commandLine().getErr().println("nodedex: fleet " + (kept ? "kept" : "written") + ": " + hosts
                + " hosts (seed " + seed + ") in " + directory);
        return ExitCodes.OK;
    }

    /**
     * Whether {@code directory} already holds the fleet asked for; false when it is missing or
     * empty.
     *
     * @throws InvalidInputException when it holds another fleet, or anything else
     */
    private boolean holdsThisFleet(Path directory) {
        if (!Files.exists(directory)) {
            return false;
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("--out " + directory + " is not a directory");
        }
        Optional<FleetFiles.Origin> origin = FleetFiles.origin(directory);
        if (origin.isEmpty()) {
            if (isEmpty(directory)) {
                return false;
            }
            throw new InvalidInputException("--out " + directory + " is not empty and holds no fleet: choose an empty"
                    + " or missing directory");
        }
        if (!origin.get().equals(new FleetFiles.Origin(seed, hosts))) {
            throw new InvalidInputException("--out " + directory + " holds a fleet of " + origin.get().hosts()
                    + " hosts from seed " + origin.get().seed() + ", not " + hosts + " from seed " + seed
                    + ": use --hosts " + origin.get().hosts() + " --seed " + origin.get().seed()
                    + ", or another directory");
        }
        return true;
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e, e);
        }
    }
}
