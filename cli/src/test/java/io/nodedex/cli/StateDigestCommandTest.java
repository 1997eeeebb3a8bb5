package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.indexer.Indexer;
import io.nodedex.indexer.IndexerConfig;
import io.nodedex.indexer.StateDigest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nodedex state-digest}. */
class StateDigestCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheDigestOfAReplica() {
        Path data = dir.resolve("replica");
        // opening an indexer creates its (empty) database; nothing connects before it runs
        Indexer.open(IndexerConfig.of("127.0.0.1:9", data)).close();

        CommandRun run = CommandRun.of("state-digest", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).matches("[0-9a-f]{64}").isEqualTo(StateDigest.of(data));
    }

    @Test
    void aDirectoryWithoutADatabaseIsBadInputNamingIt() {
        CommandRun run = CommandRun.of("state-digest", "--data", dir.resolve("nothing").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no indexer database in " + dir.resolve("nothing"));
    }
}
