package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.codec.SchemaHistory.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** The rules of the schema history: numbered, frozen, ending with the current schema, all readable. */
class SchemaHistoryTest {

    /**
     * SHA-256 of every released schema's full JSON ({@code Schema.toString()}: every name, type,
     * default and doc), oldest first. Releasing a version means pinning it here; a pin never changes.
     */
    private static final List<String> RELEASED = List.of(
            "v1 2f387f1582410d4c6b476dd0f829aedd854fee0207377fb43f6349e00b1ee65c",
            "v2 50880277c81623d9c8e06d41a425f02b8206c354e39fb59fdef71b56c1d284a6",
            "v3 ee5a64acac05b119a0f20ee0eef605122bae77b1e29938c097c75acb209e3e50",
            "v4 1eb744eb98f9f8df2593a3edae673018d6ee99b8e3c96e883ad4612662b73672",
            "v5 79d76a9d1b14ce7af5bad469a45901382e7f5c7c6918b7ed2da18cb825c7e768");

    private static final Path HISTORY_DIR = Path.of("src/main/resources/io/nodedex/schemas/history");
    private static final Path CURRENT = Path.of("src/main/avro/event.avsc");

    private final List<Version> history = SchemaHistory.load();

    @Test
    void historyFilesAreNumberedFromOneWithoutGaps() throws IOException {
        Pattern name = Pattern.compile("event-v([1-9][0-9]*)\\.avsc");
        List<Integer> numbers;
        try (Stream<Path> files = Files.list(HISTORY_DIR)) {
            numbers = files.map(file -> {
                Matcher matcher = name.matcher(file.getFileName().toString());
                assertThat(matcher.matches()).as("history file name %s", file.getFileName()).isTrue();
                return Integer.parseInt(matcher.group(1));
            }).sorted().toList();
        }

        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
        assertThat(history).extracting(Version::number).containsExactlyElementsOf(numbers);
    }

    @Test
    void theCurrentSchemaIsTheNewestReleasedVersion() throws IOException {
        Schema current = new Schema.Parser().parse(CURRENT.toFile());
        Version newest = history.get(history.size() - 1);

        assertThat(current.toString())
                .as("%s differs from the newest released version %s: release it as %s", CURRENT, newest,
                        SchemaHistory.resourceName(newest.number() + 1))
                .isEqualTo(newest.schema().toString());
        assertThat(Fingerprints.of(io.nodedex.avro.Event.getClassSchema()))
                .as("the generated records are not built from %s", CURRENT)
                .isEqualTo(newest.fingerprint());
        assertThat(new EventCodec().schemaFingerprint()).isEqualTo(Fingerprints.hex(newest.fingerprint()));
    }

    @Test
    void releasedVersionsAreFrozen() {
        List<String> actual = history.stream()
                .map(v -> "v" + v.number() + " " + sha256(v.schema().toString())).toList();

        assertThat(actual)
                .as("a released schema changed, or a new release is not pinned in RELEASED")
                .containsExactlyElementsOf(RELEASED);
    }

    @Test
    void everyReleasedVersionIsReadableByTheCurrentReader() {
        Schema reader = io.nodedex.avro.Event.getClassSchema();
        for (Version writer : history) {
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, writer.schema());

            assertThat(compatibility.getType())
                    .as("current reader vs %s: %s", writer, compatibility.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theHistoryHasTheTwoVersionsThatProveEvolution() {
        assertThat(history).hasSizeGreaterThanOrEqualTo(2);
        Schema fcHostV1 = history.get(0).schema().getField("payload").schema().getTypes().get(0)
                .getField("device").schema().getField("capabilities").schema().getElementType().getTypes().get(1);
        assertThat(fcHostV1.getFullName()).isEqualTo("io.nodedex.avro.FcHost");
        assertThat(fcHostV1.getFields()).extracting(Schema.Field::name).containsExactly("wwnn", "wwpn", "fabricWwn");
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
