/**
 * The {@code nodedex} command line: one picocli command class per command, and the wiring of
 * all-in-one (broker, simulated fleet, agents, replica in one process).
 *
 * <p>Public face: {@link io.nodedex.cli.Main} and its {@code main}; everything else is
 * package-private. Exit codes are in {@code ExitCodes} and documented in the README; scripts rely
 * on them. The simulated fleet that all-in-one runs and {@code fleet} writes comes from the
 * {@code testkit} module. Every
 * command that reaches Kafka takes its cluster and client properties ({@code --bootstrap-servers},
 * {@code --kafka-config}) from {@code LogOptions}, the one place where they are assembled into a
 * {@code KafkaAccess}, which also creates the clients the command line owns itself.
 *
 * <p>Threading: each command runs on the calling thread; {@code agent}, {@code indexer},
 * {@code serve} and {@code all-in-one} install a shutdown hook that stops their parts cleanly on
 * SIGINT or SIGTERM.
 */
package io.nodedex.cli;
