package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.Source;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.Options;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.OptionsUtil;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
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
    void aStoreOpensWithEveryTableDeferringCompactionsUntilTheyResume() throws Exception {
        try (Store store = Store.open(directory, false)) {
            assertThat(store.compactionsDeferred()).isTrue();
            assertThat(tablesCompacting()).as("as RocksDB keeps the options, at open")
                    .containsOnlyKeys(tableNames()).doesNotContainValue(true);

            assertThat(store.resumeCompactions()).isTrue();
            assertThat(tablesCompacting()).as("once resumed").doesNotContainValue(false);
        }
        try (Store reopened = Store.open(directory, false)) {
            assertThat(reopened.compactionsDeferred()).isTrue();
            assertThat(tablesCompacting()).as("when it opens again").doesNotContainValue(true);
        }
    }

    /** The store's tables (the default column family apart) by name: whether RocksDB compacts them, as it keeps their options. */
    private Map<String, Boolean> tablesCompacting() throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (ConfigOptions config = new ConfigOptions(); DBOptions options = new DBOptions()) {
            OptionsUtil.loadLatestOptions(config, directory.toString(), options, descriptors);
        }
        Map<String, Boolean> compacting = new TreeMap<>();
        for (ColumnFamilyDescriptor descriptor : descriptors) {
            String name = new String(descriptor.getName(), StandardCharsets.UTF_8);
            ColumnFamilyOptions table = descriptor.getOptions();
            if (name.equals("default")) {
                assertThat(table.disableAutoCompactions()).as("the default column family compacts").isFalse();
            } else {
                boolean stalls = table.level0StopWritesTrigger() < 1 << 30;
                assertThat(stalls).as("%s stalls writes exactly when it compacts", name)
                        .isEqualTo(!table.disableAutoCompactions());
                compacting.put(name, !table.disableAutoCompactions());
            }
            table.close();
        }
        return compacting;
    }

    private static List<String> tableNames() {
        return Arrays.stream(Table.values()).map(table -> new String(table.columnFamilyName(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void readingAClosedStoreFailsClearly() {
        Store store = Store.open(directory, false);
        store.close();

        assertThatThrownBy(() -> store.readView(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    /** Keys on both sides of every prefix scanned below, 0xFF bytes where a scan's bound is worked out. */
    private static final List<String> KEYS = List.of("00ff", "01", "0100", "01fe", "01ff", "01ff00", "01ffff", "02",
            "0200", "ff", "ffff", "ffff00");

    @ParameterizedTest(name = "prefix \"{0}\"")
    @ValueSource(strings = {"", "00", "01", "01ff", "01ffff", "02", "03", "ff", "ffff", "ffffff"})
    void aPrefixScanReturnsExactlyTheRowsUnderThePrefixFromMemoryAndFromDisk(String prefix) throws Exception {
        List<String> expected = keysUnder(prefix);
        try (Store store = storeWith(KEYS)) {
            assertThat(scan(store, prefix)).as("from the memtable").isEqualTo(expected);
        }
        try (Store store = Store.open(directory, false)) {
            assertThat(scan(store, prefix)).as("from the files written on close").isEqualTo(expected);
        }
    }

    @Test
    void scansOneAfterAnotherThroughOneViewEachReturnTheirOwnRows() throws Exception {
        try (Store store = storeWith(KEYS); Store.ReadView view = store.readView(false)) {
            for (String prefix : List.of("01", "ff", "", "0100", "02", "01ff", "03", "00")) {
                assertThat(scan(view, prefix)).as("prefix \"%s\"", prefix)
                        .isEqualTo(keysUnder(prefix));
            }
        }
    }

    @Test
    void aScanInsideAScanOfTheSameTableLeavesTheOuterScanWhole() throws Exception {
        List<String> outer = new ArrayList<>();
        List<List<String>> inner = new ArrayList<>();
        try (Store store = storeWith(KEYS); Store.ReadView view = store.readView(false)) {
            view.scan(Table.DEVICES, HexFormat.of().parseHex("01"), (key, value) -> {
                outer.add(HexFormat.of().formatHex(key));
                inner.add(scan(view, "ff"));
            });
        }
        assertThat(outer).containsExactly("01", "0100", "01fe", "01ff", "01ff00", "01ffff");
        assertThat(inner).hasSize(6).allSatisfy(keys -> assertThat(keys).containsExactly("ff", "ffff", "ffff00"));
    }

    @Test
    void threadsScanningThroughOneViewEachSeeEveryRow() throws Exception {
        try (Store store = storeWith(KEYS); Store.ReadView view = store.readView(true);
                Workers workers = new Workers(4)) {
            List<String> prefixes = List.of("01", "ff", "", "02", "01ff", "03", "00", "0100").stream()
                    .flatMap(prefix -> Collections.nCopies(50, prefix).stream()).toList();
            List<List<String>> scanned = workers.map(prefixes, prefix -> scan(view, prefix));
            for (int i = 0; i < prefixes.size(); i++) {
                String prefix = prefixes.get(i);
                assertThat(scanned.get(i)).as("prefix \"%s\"", prefix)
                        .isEqualTo(keysUnder(prefix));
            }
        }
    }

    /** Rows of a table scanned by leading number: four 8-byte numbers, some sharing leading bytes, each number's rows in files of their own. */
    private static final List<String> NUMBERED_KEYS = List.of("0000000000000001", "000000000000000100",
            "00000000000000010001", "0000000000000002", "00000000000000020a", "0000000000000100ff",
            "000000000000010100", "ff00000000000000", "ff0000000000000001");

    @ParameterizedTest(name = "prefix \"{0}\"")
    @ValueSource(strings = {"0000000000000001", "000000000000000100", "0000000000000002", "0000000000000003",
            "00000000000001", "000000000000", "", "ff00000000000000", "ff"})
    void aTableScannedByLeadingNumberReturnsExactlyTheRowsUnderAnyPrefixWhateverFilesHoldThem(String prefix)
            throws Exception {
        try (Store store = Store.open(directory, false)) {
            store.deferCompactions(); // every flush stays a file of its own in level 0
            for (String number : List.of("0000000000000002", "ff00000000000000", "0000000000000001",
                    "0000000000000100", "0000000000000101")) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (String key : NUMBERED_KEYS) {
                        if (key.startsWith(number)) {
                            batch.put(store.handle(Table.SOURCE_DEVICES), HexFormat.of().parseHex(key), new byte[] {1});
                        }
                    }
                    store.write(batch);
                }
                store.flush();
            }
            assertThat(Table.SOURCE_DEVICES.scannedByLeadingNumber()).isTrue();
            List<String> expected = NUMBERED_KEYS.stream().filter(key -> key.startsWith(prefix)).toList();
            try (Store.ReadView view = store.readView(false)) {
                for (String from : NUMBERED_KEYS) {
                    if (!from.startsWith(prefix)) {
                        continue;
                    }
                    List<String> keys = new ArrayList<>();
                    view.scan(Table.SOURCE_DEVICES, HexFormat.of().parseHex(prefix), HexFormat.of().parseHex(from),
                            (key, value) -> keys.add(HexFormat.of().formatHex(key)));
                    assertThat(keys).as("from %s", from)
                            .isEqualTo(expected.subList(expected.indexOf(from), expected.size()));
                }
            }
        }
    }

    /** The {@link #KEYS} that start with {@code prefix}, in their (sorted) order. */
    private static List<String> keysUnder(String prefix) {
        return KEYS.stream().filter(key -> key.startsWith(prefix)).toList();
    }

    /** A store whose {@link Table#DEVICES} holds exactly {@code keys} (hex), written in one batch. */
    private Store storeWith(List<String> keys) throws Exception {
        Store store = Store.open(directory, false);
        try (WriteBatch batch = new WriteBatch()) {
            for (String key : keys) {
                batch.put(store.handle(Table.DEVICES), HexFormat.of().parseHex(key), new byte[] {1});
            }
            store.write(batch);
        }
        return store;
    }

    private static List<String> scan(Store store, String prefix) {
        try (Store.ReadView view = store.readView(false)) {
            return scan(view, prefix);
        }
    }

    private static List<String> scan(Store.ReadView view, String prefix) {
        List<String> keys = new ArrayList<>();
        view.scan(Table.DEVICES, HexFormat.of().parseHex(prefix), (key, value) -> keys.add(HexFormat.of().formatHex(key)));
        return keys;
    }
}
