package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.codec.SchemaHistory.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored form of the devices an event carries, taken from its message where it can be. */
class DeviceStoredFormsTest {

    private final EventCodec events = new EventCodec();
    private final DeviceCodec devices = new DeviceCodec();

    static Stream<Long> seeds() {
        return LongStream.range(0, 500).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theDevicesOfAnEventAreStoredAsTheyWouldBeEncoded(long seed) {
        Event event = new RandomEvents(seed).event();

        EventCodec.WithDevices read = events.decodeWithDevices(events.encode(event));

        assertThat(read.event()).as("seed %d", seed).isEqualTo(event);
        assertThat(read.storedDevices()).as("seed %d", seed)
                .containsExactlyElementsOf(event.payload().carriedDevices().stream().map(devices::encode).toList());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aMessageWithOneByteChangedReadsAsAvrosReaderOfTheWholeEventReadsIt(long seed) {
        RandomEvents random = new RandomEvents(seed);
        byte[] message = events.encode(random.event());
        message[random.random().nextInt(SingleObjectReader.HEADER_LENGTH, message.length)] =
                (byte) random.random().nextInt(256);

        Optional<Event> whole = wholeEvent(message);

        assertThat(outcome(() -> events.decodeWithDevices(message).event())).as("seed %d", seed)
                .isEqualTo(outcome(() -> events.decode(message)))
                .isEqualTo(whole.<Object>map(event -> event).orElse("refused"));
    }

    @Test
    void aTypicalHostsSnapshotIsStoredDeviceByDeviceInItsOrder() {
        Event event = SampleEvents.event(SampleEvents.typicalHost());

        List<byte[]> stored = events.decodeWithDevices(events.encode(event)).storedDevices();

        assertThat(stored).hasSize(100);
        assertThat(stored.stream().map(devices::decode).toList()).isEqualTo(SampleEvents.typicalHost().devices());
    }

    @Test
    void eventsWrittenWithAnEarlierSchemaHaveTheirDevicesEncodedWithTheCurrentOne() {
        Event event = SampleEvents.event(new HostSnapshot(List.of(SampleEvents.hba(5, 0x1000_0000_c9a1_b2c3L),
                SampleEvents.vhba(11, "scsi_host5", 0x2001_0000_c9a1_b2c3L))));
        for (Version version : SchemaHistory.load()) {
            EventCodec.WithDevices read = events.decodeWithDevices(HistoricWriter.write(version, event));

            assertThat(read.event()).isEqualTo(events.decode(HistoricWriter.write(version, event)));
            assertThat(read.storedDevices()).as("v%d", version.number())
                    .containsExactlyElementsOf(read.event().payload().carriedDevices().stream().map(devices::encode).toList());
        }
    }

    @Test
    void devicesSentInAvrosBlockedArraysAreStoredAsSentAndReadBackTheSame() throws IOException {
        HostSnapshot snapshot = SampleEvents.typicalHost();
        List<byte[]> stored = events.decodeWithDevices(blocked(SampleEvents.event(snapshot))).storedDevices();

        assertThat(stored.stream().map(devices::decode).toList()).isEqualTo(snapshot.devices());
        assertThat(stored.get(0)).as("a device whose attributes were sent in blocks")
                .isNotEqualTo(devices.encode(snapshot.devices().get(0)));
    }

    @Test
    void payloadsWithoutDevicesHaveNone() {
        Event heartbeat = SampleEvents.event(new Heartbeat());

        assertThat(events.decodeWithDevices(events.encode(heartbeat)).storedDevices()).isEmpty();
    }

    /** The event read, or "refused" when decoding threw its one exception. */
    private static Object outcome(Supplier<Event> read) {
        try {
            return read.get();
        } catch (EventDecodingException e) {
            return "refused";
        }
    }

    /** The body read whole by Avro's reader of the current {@code Event}, if it is one valid event. */
    private static Optional<Event> wholeEvent(byte[] message) {
        Schema schema = io.nodedex.avro.Event.getClassSchema();
        try {
            DatumReader<io.nodedex.avro.Event> reader = GeneratedRecords.model(schema).getFastReaderBuilder()
                    .createDatumReader(schema, schema);
            BinaryDecoder body = DecoderFactory.get().binaryDecoder(message, SingleObjectReader.HEADER_LENGTH,
                    message.length - SingleObjectReader.HEADER_LENGTH, null);
            io.nodedex.avro.Event record = reader.read(null, body);
            return body.remainingBytes() == 0 ? Optional.of(AvroMapping.fromAvro(record)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The event written with the current schema by Avro's blocking encoder, which writes every
     * array in blocks of at most 64 bytes, each with its byte size: valid Avro, not the shortest.
     */
    private static byte[] blocked(Event event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SingleObjectWriter.header(io.nodedex.avro.Event.getClassSchema()));
        BinaryEncoder encoder = new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null);
        new SpecificDatumWriter<io.nodedex.avro.Event>(io.nodedex.avro.Event.getClassSchema(),
                GeneratedRecords.model(io.nodedex.avro.Event.getClassSchema()))
                .write(AvroMapping.toAvro(event), encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
