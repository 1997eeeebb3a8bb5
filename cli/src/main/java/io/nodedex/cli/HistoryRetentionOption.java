package io.nodedex.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --history-retention DURATION} of the commands that run a replica ({@code indexer},
 * {@code serve}, {@code all-in-one}): how long each device's versions are kept before its newest
 * (docs/design.md, "History is state").
 */
final class HistoryRetentionOption {

    @Option(names = "--history-retention", paramLabel = "DURATION", defaultValue = "400d",
            converter = DurationConverter.class,
            description = "Keep each device's versions for this long before its newest version: the history that"
                    + " asOf, nodedex history and --as-of answer from (default: ${DEFAULT-VALUE}).")
    Duration retention;
}
