package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer tells which polls may be folded while its batch is written (those of other hosts only), and when it is written. */
class BatchWriterTest {

    @TempDir
    Path directory;

    @Test
    void aBatchInFlightLeavesAloneTheHostsItDoesNotHoldUntilItIsWritten() {
        try (Store store = Store.open(directory, false); BatchWriter writer = new BatchWriter(store)) {
            assertThat(writer.leavesAlone(Set.of(1L))).as("nothing in flight").isTrue();

            writer.submit(new FoldedPoll(List.of(), Map.of(0, 5L), new Tally(), Set.of(1L, 2L), Set.of()));

            assertThat(writer.leavesAlone(Set.of(3L, 4L))).isTrue();
            assertThat(writer.leavesAlone(Set.of(4L, 2L))).isFalse();
            assertThatThrownBy(() -> writer.submit(new FoldedPoll(List.of(), Map.of(), new Tally(), Set.of(3L), Set.of())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("await it first");

            assertThat(writer.awaitWritten()).hasValueSatisfying(tally -> assertThat(tally.rowsWritten).isEqualTo(1));
            assertThat(writer.leavesAlone(Set.of(2L))).as("written").isTrue();
        }
    }

    @Test
    void aBatchInFlightTellsWhenAwaitingItWouldNotWait() throws InterruptedException {
        try (Store store = Store.open(directory, false); BatchWriter writer = new BatchWriter(store)) {
            assertThat(writer.written()).as("nothing in flight").isTrue();

            writer.submit(new FoldedPoll(List.of(), Map.of(0, 5L), new Tally(), Set.of(1L), Set.of()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!writer.written() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }

            assertThat(writer.written()).as("written within 30 s").isTrue();
            assertThat(writer.busy()).as("in flight until awaited").isTrue();
            assertThat(writer.awaitWritten()).isPresent();
            assertThat(writer.busy()).isFalse();
            assertThat(writer.written()).isTrue();
        }
    }
}
