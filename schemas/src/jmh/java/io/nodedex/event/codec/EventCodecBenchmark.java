package io.nodedex.event.codec;

import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The codec against plain Avro on the same data, in one run:
 *
 * <ul>
 *   <li>{@code codecEncode}, {@code codecDecode}: {@link EventCodec}, model to bytes and back;
 *   <li>{@code avroEncode}, {@code avroDecode}: Avro binary of the already mapped record, no
 *       header, no model mapping (the floor the codec builds on);
 *   <li>{@code avroMessageDecoderDecode}: Avro's own {@code BinaryMessageDecoder}, no mapping (what
 *       {@code SingleObjectReader} replaces);
 *   <li>{@code copyBytes}: copying the encoded bytes (a memory-bandwidth floor).
 * </ul>
 *
 * {@code payload}: {@code snapshot} is a typical 100-device host ({@link SampleEvents#typicalHost});
 * {@code upsert} one fc_host device with every capability type.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventCodecBenchmark {

    @Param({"snapshot", "upsert"})
    public String payload;

    private final EventCodec codec = new EventCodec();
    private Event event;
    private byte[] message;
    private byte[] body;
    private io.nodedex.avro.Event record;
    private DatumWriter<io.nodedex.avro.Event> writer;
    private DatumReader<io.nodedex.avro.Event> reader;
    private BinaryMessageDecoder<io.nodedex.avro.Event> messageDecoder;

    @Setup
    public void setUp() throws IOException {
        event = SampleEvents.event(payload.equals("snapshot")
                ? SampleEvents.typicalHost() : new DeviceUpserted(SampleEvents.everyCapability()));
        message = codec.encode(event);
        body = java.util.Arrays.copyOfRange(message, SingleObjectReader.HEADER_LENGTH, message.length);
        record = AvroMapping.toAvro(event);
        Schema schema = io.nodedex.avro.Event.getClassSchema();
        SpecificData model = GeneratedRecords.model(schema);
        writer = model.createDatumWriter(schema);
        reader = model.getFastReaderBuilder().createDatumReader(schema, schema);
        messageDecoder = new BinaryMessageDecoder<>(model, schema);
    }

    @Benchmark
    public byte[] codecEncode() {
        return codec.encode(event);
    }

    @Benchmark
    public Event codecDecode() {
        return codec.decode(message);
    }

    @Benchmark
    public byte[] avroEncode() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Benchmark
    public io.nodedex.avro.Event avroDecode() throws IOException {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
        return reader.read(null, decoder);
    }

    @Benchmark
    public io.nodedex.avro.Event avroMessageDecoderDecode() throws IOException {
        return messageDecoder.decode(message);
    }

    @Benchmark
    public byte[] copyBytes() {
        return message.clone();
    }
}
