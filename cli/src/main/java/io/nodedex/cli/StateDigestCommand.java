package io.nodedex.cli;

import io.nodedex.indexer.StateDigest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex state-digest --data DIR}: prints the digest of an indexer replica's state, so
 * two replicas, or a replica and its rebuild, can be compared.
 */
@Command(name = "state-digest", mixinStandardHelpOptions = true,
        description = {"Print the SHA-256 digest of an indexer replica's state.",
            "Covers every table but the consumed offsets, read in key order: replicas of the same log, and a",
            "replica and its rebuild, print the same digest. Opens the database read-only: the indexer may keep",
            "running."})
final class StateDigestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The indexer's data directory.")
    Path data;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(StateDigest.of(data));
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("nodedex: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
