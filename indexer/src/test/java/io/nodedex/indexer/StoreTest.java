package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.Source;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

class StoreTest {

    @TempDir
    Path directory;

    @Test
    void aDatabaseKeepsTheTopicItWasBuiltFromAndRefusesAnother() {
        try (Store store = Store.open(directory, false)) {
            store.bindTopic("nodedex.events");
        }
        try (Store store = Store.open(directory, false)) {
            store.bindTopic("nodedex.events");
            assertThatThrownBy(() -> store.bindTopic("other.events"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'nodedex.events'").hasMessageContaining("'other.events'")
                    .hasMessageContaining(directory.toString());
        }
    }

    @Test
    void theDigestOfADirectoryIsTheDigestOfItsStateAndIgnoresOffsets() throws Exception {
        String before;
        try (FoldHarness fold = FoldHarness.open(directory)) {
            fold.poll(Events.of("h1", Source.LIBVIRT).snapshot(Devices.hba("scsi_host1", 1, 2, 3)));
            before = fold.digest();
        }
        assertThat(StateDigest.of(directory)).isEqualTo(before).hasSize(64);

        try (Store store = Store.open(directory, false); WriteBatch batch = new WriteBatch()) {
            batch.put(store.handle(Table.OFFSETS), Keys.partition(7), StoredValues.offset(12345));
            store.write(batch);
        }
        assertThat(StateDigest.of(directory)).isEqualTo(before);
    }

    @Test
    void differentStatesHaveDifferentDigests(@TempDir Path other) {
        try (FoldHarness first = FoldHarness.open(directory); FoldHarness second = FoldHarness.open(other)) {
            first.poll(Events.of("h1", Source.LIBVIRT).snapshot(Devices.hba("scsi_host1", 1, 2, 3)));
            second.poll(Events.of("h1", Source.LIBVIRT).snapshot(Devices.hba("scsi_host1", 1, 2, 4)));

            assertThat(first.digest()).isNotEqualTo(second.digest());
        }
    }

    @Test
    void theDigestOfADirectoryWithoutADatabaseNamesIt() {
        assertThatThrownBy(() -> StateDigest.of(directory.resolve("nothing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no indexer database in " + directory.resolve("nothing"));
    }

    @Test
    void aDatabaseOfAnOlderLayoutIsRefusedSayingWhatToRun() throws Exception {
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB old = RocksDB.open(options, directory.toString())) {
            old.put(Keys.utf8("layout"), Keys.utf8("2")); // the release before enrolments
        }

        assertThatThrownBy(() -> Store.open(directory, false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the indexer database in " + directory + " has layout 2; this version of nodedex reads"
                        + " layout 5. Rebuild it from the event log: run `nodedex indexer --rebuild --data " + directory
                        + "` (or `nodedex serve --rebuild --data " + directory + "`) with your other options as before");
        assertThatThrownBy(() -> StateDigest.of(directory)).hasMessageContaining("has layout 2")
                .hasMessageContaining("nodedex indexer --rebuild");
    }

    @Test
    void readingAClosedStoreFailsClearly() {
        Store store = Store.open(directory, false);
        store.close();

        assertThatThrownBy(() -> store.readView(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
